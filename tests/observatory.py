"""The Mozilla HTTP Observatory's published scoring table
(github.com/mozilla/http-observatory, httpobs/docs/scoring.md), applied to one answer.

Every site starts at 100; each test adds its modifier; bonuses count only when the score
without them is at least 90. 100 and more is an A+. Tests that need the network (HSTS
preload list, contribute.json of Mozilla's own sites) are scored as they would be for a
site not on those lists.
"""

import re

UNSAFE_SCRIPT_SOURCES = {"'unsafe-inline'", "data:", "https:", "http:", "*"}


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def score_csp(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = csp_directives(header)
    default = policy.get("default-src")

    def sources(name):
        return policy.get(name, default)

    script, obj, style = sources("script-src"), sources("object-src"), sources("style-src")
    if script is None or obj is None:
        return "csp-implemented-with-unsafe-inline", -20  # not restricting the sources
    if UNSAFE_SCRIPT_SOURCES & set(script) or {"https:", "http:", "*"} & set(obj):
        return "csp-implemented-with-unsafe-inline", -20
    everything = [source for values in policy.values() for source in values]
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source.startswith("http:") for source in everything):
        return "csp-implemented-with-insecure-scheme", -20
    if style is not None and {"'unsafe-inline'", "data:", "https:", "*"} & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(cookies, hsts):
    if not cookies:
        return "cookies-not-found", 0
    session_names = {"sessionid", "csrftoken"}
    for cookie in cookies:
        session = cookie["name"] in session_names
        if not cookie.get("secure"):
            if session:
                return (
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if hsts
                    else ("cookies-session-without-secure-flag", -40)
                )
            return (
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else ("cookies-without-secure-flag", -20)
            )
        if cookie["name"] == "sessionid" and not cookie.get("httponly"):
            return "cookies-session-without-httponly-flag", -30
        samesite = cookie.get("samesite", "").lower()
        if samesite and samesite not in ("strict", "lax"):
            return "cookies-samesite-flag-invalid", -20
        if cookie["name"] == "csrftoken" and not samesite:
            return "cookies-anticsrf-without-samesite-flag", -20
    if all(cookie.get("samesite") for cookie in cookies):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def score_cors(headers):
    origin = headers.get("Access-Control-Allow-Origin")
    if origin is None:
        return "cross-origin-resource-sharing-not-implemented", 0
    if origin == "*" and headers.get("Access-Control-Allow-Credentials", "").lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    if origin == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def score_redirection(plain_answer, host):
    location = plain_answer["headers"].get("Location", "")
    if plain_answer["status"] not in (301, 302, 307, 308):
        return "redirection-missing", -20
    if not location.startswith("https://"):
        return "redirection-not-to-https-on-initial-redirection", -10
    if not location.startswith(f"https://{host}/"):
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def score_referrer(headers):
    value = headers.get("Referrer-Policy")
    if value is None:
        return "referrer-policy-not-implemented", 0
    policies = [p.strip().lower() for p in value.split(",")]
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    if policies[-1] in private:
        return "referrer-policy-private", 5
    if policies[-1] == "no-referrer-when-downgrade":
        return "referrer-policy-no-referrer-when-downgrade", 0
    if policies[-1] in {"origin", "origin-when-cross-origin", "unsafe-url"}:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-header-invalid", -5


def hsts_max_age(headers):
    match = re.search(r"max-age=(\d+)", headers.get("Strict-Transport-Security", ""))
    return int(match.group(1)) if match else None


def score_hsts(headers):
    age = hsts_max_age(headers)
    if age is None:
        return "hsts-not-implemented", -20
    if age < 15768000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def score_sri(answer, host):
    if "html" not in answer["headers"].get("Content-Type", ""):
        return "sri-not-implemented-response-not-html", 0
    sources = [
        re.search(r'src="([^"]*)"', tag).group(1) for tag in answer["scripts"] if "src=" in tag
    ]
    if not sources:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [s for s in sources if s.startswith(("http:", "https:", "//"))]
    same_origin = [s for s in external if s.startswith((f"https://{host}/", f"//{host}/"))]
    if len(external) == len(same_origin):
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    if any(s.startswith(("http:", "//")) for s in external):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    return "sri-not-implemented-but-external-scripts-loaded-securely", -5


def score_nosniff(headers):
    value = headers.get("X-Content-Type-Options")
    if value is None:
        return "x-content-type-options-not-implemented", -5
    if value.strip().lower() != "nosniff":
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-nosniff", 0


def score_framing(headers):
    policy = csp_directives(headers.get("Content-Security-Policy", ""))
    if policy.get("frame-ancestors") in (["'none'"], ["'self'"]):
        return "x-frame-options-implemented-via-csp", 5
    value = headers.get("X-Frame-Options", "").strip().upper()
    if value in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    if not value:
        return "x-frame-options-not-implemented", -20
    return "x-frame-options-header-invalid", -20


def score_xss_protection(headers, csp_result):
    if csp_result in (
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-no-unsafe",
    ):
        return "x-xss-protection-not-needed-due-to-csp", 0
    value = headers.get("X-XSS-Protection")
    if value is None:
        return "x-xss-protection-not-implemented", -10
    return (
        ("x-xss-protection-enabled", 0)
        if value.startswith("1")
        else (
            "x-xss-protection-disabled",
            -10,
        )
    )


def grade(answer, plain_answer, host):
    """(score, {test: (result, modifier)}) for one HTTPS answer of the site."""
    headers = answer["headers"]
    csp = score_csp(headers)
    results = {
        "content-security-policy": csp,
        "cookies": score_cookies(answer.get("cookies", []), hsts_max_age(headers)),
        "cross-origin-resource-sharing": score_cors(headers),
        "redirection": score_redirection(plain_answer, host),
        "referrer-policy": score_referrer(headers),
        "strict-transport-security": score_hsts(headers),
        "subresource-integrity": score_sri(answer, host),
        "x-content-type-options": score_nosniff(headers),
        "x-frame-options": score_framing(headers),
        "x-xss-protection": score_xss_protection(headers, csp[0]),
    }
    penalties = sum(modifier for _, modifier in results.values() if modifier < 0)
    bonuses = sum(modifier for _, modifier in results.values() if modifier > 0)
    score = 100 + penalties
    if score >= 90:
        score += bonuses
    return max(score, 0), results
