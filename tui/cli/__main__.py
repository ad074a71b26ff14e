"""`python -m tui.cli`: the same as the ntm-review console script."""

from . import main

raise SystemExit(main())
