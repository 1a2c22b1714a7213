# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The demo data of lsp_mutu, the quality management system: an audit
programme with one audit reported, non-conformities in three states and an
impartiality risk register."""

#: the steps of the demo of lsp_mutu, in order
STEPS = [
    ]
