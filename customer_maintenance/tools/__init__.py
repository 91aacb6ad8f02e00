# Helpers shared by every capability that are neither models nor pure domain math:
# the "today" of a job or test, the one-run-at-a-time lock of a nightly job, batched crons.
