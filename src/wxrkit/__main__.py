"""``python -m wxrkit``: the same as the ``wxrkit`` command."""

from wxrkit.cli import main

raise SystemExit(main())
