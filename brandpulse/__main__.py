from brandpulse.cli import run

run()
