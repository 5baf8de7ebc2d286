"""Getting evidence in: bundled scenarios, FollowTheMoney files, later articles and lists."""
