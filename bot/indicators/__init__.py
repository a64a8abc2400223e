"""Indicators for the funder's report: the staff-edited file, the counts, the exports."""
