from __future__ import annotations

from hypothesis import HealthCheck, settings

# CI runs a few hundred examples; `pytest --hypothesis-profile=long tests/robustness` runs many more.
settings.register_profile("default", max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
