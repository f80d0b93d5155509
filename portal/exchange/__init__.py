"""Files exchanged with translation vendors: XLIFF 2 and PO, written from and
read back into plain records (``units``). No database here: the export and import
pages choose the content and apply what comes back."""
