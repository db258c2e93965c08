from roadmap_reports.cli import main

main()
