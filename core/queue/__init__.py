"""The hall's queue (排队叫号): tickets, their events, the ledger that folds and merges them, the
call order, and the hall manager's figures. Pure (issue #14; core/queue/model.py explains the shape)."""
