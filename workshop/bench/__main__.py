"""Entry point: `python -m workshop.bench [--quick] [--phones 50,300,1000] [--records 0,1000,10000]`."""

from .load import main

raise SystemExit(main())
