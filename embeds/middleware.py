"""Frames for the embeds a page shows, and for no other page.

A view that renders embeds names their frames' origins in FRAME_ORIGINS_HEADER. The page
cache keeps that header with the page, so a page served from the cache carries it as a
rendered one does; this middleware, between the security headers (outside) and the page
cache (inside), takes it off the answer and turns it into the CSP's frame-src and the
Permissions-Policy features a player needs, for those origins only."""

from django.conf import settings
from django_permissions_policy import PermissionsPolicyMiddleware

FRAME_ORIGINS_HEADER = "X-Newsroom-Frame-Origins"
# What a provider's player may use inside its frame once the reader loaded it.
PLAYER_FEATURES = ("fullscreen", "encrypted-media", "picture-in-picture")


def name_frames(response, origins):
    if origins:
        response[FRAME_ORIGINS_HEADER] = " ".join(origins)
    return response


class FrameOriginsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        named = response.headers.get(FRAME_ORIGINS_HEADER, "")
        if named:
            del response[FRAME_ORIGINS_HEADER]
        origins = [o for o in named.split() if o.startswith("https://")]
        if not origins:
            return response
        update = dict(getattr(response, "_csp_update", None) or {})
        update["frame-src"] = [*update.get("frame-src", []), *origins]
        response._csp_update = update
        policy = dict(settings.PERMISSIONS_POLICY)
        for feature in PLAYER_FEATURES:
            policy[feature] = [*policy.get(feature, []), *origins]
        response._permissions_policy_override = PermissionsPolicyMiddleware.compute_header_value(
            policy, "PERMISSIONS_POLICY"
        )
        return response
