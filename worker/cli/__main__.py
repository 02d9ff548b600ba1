"""`python -m worker.cli`: the `paperfeed` command, from a checkout or an installed package."""

import sys

from worker.cli import main

sys.exit(main())
