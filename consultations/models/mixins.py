"""Shared behaviour of the routable consultation pages."""


class LocalisedRoutableMixin:
    """Routable pages answer their sub-routes in their own language, as BasePage.serve does for the page itself
    (RoutablePageMixin.serve calls a route's view without going through BasePage.serve)."""

    def serve(self, request, *args, **kwargs):
        self.activate_own_language(request)
        return super().serve(request, *args, **kwargs)
