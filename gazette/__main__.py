from gazette.cli import main

raise SystemExit(main())
