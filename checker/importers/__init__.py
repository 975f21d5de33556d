"""Converters from public reference data to factlint rule packs."""
