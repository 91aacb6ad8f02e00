# Pure-Python domain rules (no ORM, no database): the oracles the SQL of queries/ is tested
# against, and the computations done in Python by the nightly jobs.
