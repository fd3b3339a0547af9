"""Stage 1, read: what the user gives (a file, stdin, a URL, pasted text) → an ``Article``.

``fetch`` gets a URL through the guarded HTTP client (no private addresses, size and time limits),
``htmltext`` turns bytes or HTML into plain text with its title and date, ``load`` picks between
them for a path, ``-`` or a URL, and ``guards`` refuses text too big or too number-dense to check.
Nothing here knows what a figure is.
"""
