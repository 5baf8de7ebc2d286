"""Screening names against designation lists: nomenklatura's logic-v2 behind a blocking index,
with forcevet's thin layer for its measured weak spots. Importing it loads no matcher."""
