# Pure-Python domain logic: no ORM, no database. Models call these; tests call them directly.
