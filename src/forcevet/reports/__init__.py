"""Reports: JSON records, Markdown and HTML reports, and the FollowTheMoney export."""
