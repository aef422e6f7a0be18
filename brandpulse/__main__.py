from brandpulse.cli import main

main(prog_name="brandpulse")
