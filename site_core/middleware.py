"""Security headers that Django does not set itself, and the admin's separate Content-Security-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response: the site needs no camera, microphone or location."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy (inline styles for Wagtail's editor) on admin paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path.startswith(ADMIN_PREFIXES):
            return PolicyParts(config=settings.PACTE_ADMIN_CONTENT_SECURITY_POLICY, nonce=parts.nonce)
        return parts
