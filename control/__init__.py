"""Who holds what on a date: the control baseline, the events, the rules, territory and area.
"""
