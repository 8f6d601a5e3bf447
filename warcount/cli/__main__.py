"""python -m warcount.cli"""
from . import main

main()
