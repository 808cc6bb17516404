"""Shared behaviour of the routable consultation pages."""

from django.utils import translation


class LocalisedRoutableMixin:
    """Routable pages answer their sub-routes in their own language, as BasePage.serve does for the page itself
    (RoutablePageMixin.serve calls a route's view without going through BasePage.serve)."""

    def serve(self, request, *args, **kwargs):
        if self.locale.language_code != translation.get_language():
            translation.activate(self.locale.language_code)
            request.LANGUAGE_CODE = self.locale.language_code
        return super().serve(request, *args, **kwargs)
