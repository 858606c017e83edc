"""Corpus mode: what can only be seen across many documents of one site."""

from .site import SiteCounter, SiteStats, count_sites, line_hash, site_keys

__all__ = ["SiteCounter", "SiteStats", "count_sites", "line_hash", "site_keys"]
