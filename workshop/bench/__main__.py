"""Entry point: `python -m workshop.bench [--quick] [--phones 50,300,1000] [--records 0,1000,10000]`, or `--room`."""

import sys

if "--room" in sys.argv[1:]:
    from .room import main
else:
    from .load import main

raise SystemExit(main())
