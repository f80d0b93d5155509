"""Files written by a save that rolled back do not stay behind (portal/storage.py)."""

from portal.storage import uncommitted_writes_undone


class UncommittedFilesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with uncommitted_writes_undone():
            return self.get_response(request)
