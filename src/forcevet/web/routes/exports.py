"""The exports page and its API (to be built)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
