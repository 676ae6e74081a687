from __future__ import annotations

from hypothesis import HealthCheck, settings

# CI runs 150 examples per fuzz test (450 in all); `--hypothesis-profile=long` runs 2,000 each.
settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
