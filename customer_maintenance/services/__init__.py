# Pure-Python domain rules (no ORM): the oracles the SQL of the nightly jobs is tested against.
