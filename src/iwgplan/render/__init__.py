"""Reporters: one module per output format, picked by name; plan text is made safe here."""
