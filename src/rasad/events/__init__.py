"""Events: who did what to whom, where, when, how many — according to whom."""
