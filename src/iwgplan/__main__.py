from iwgplan.cli.app import main

main()
