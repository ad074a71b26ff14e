"""ntm-review: review commune resolutions on new rural development (nông thôn mới)."""

__version__ = "0.1.0"
