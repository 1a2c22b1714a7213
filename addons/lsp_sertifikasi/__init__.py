# This file is part of the LSP Perkoperasian Indonesia ERP.
from . import routes

__all__ = [routes]
