"""When a source is checked next, and why: the adaptive interval, server hints, backoff after
failures, and when a permanent redirect is trusted. Pure functions of values."""
