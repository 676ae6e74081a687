from iwgplan.cli.main import main

main()
