vcl 4.1;

# Varnish in front of the newsroom's app servers: readers' pages are answered by Varnish
# without Python, and purged by the same dependency keys the page cache uses.
#
# Needs Debian's `varnish` and `varnish-modules` (vmod xkey). The app servers send each
# public answer's keys in Surrogate-Key; set NEWSROOM_PURGE_URLS=http://<this varnish>/
# on every app server so that a change purges them here after it commits.
#
#   varnishd -a :6081 -f /etc/varnish/newsroom.vcl -s malloc,512m
#
# Edit the backends below to your app servers.

import directors;
import xkey;

backend app_1 {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

backend app_2 {
    .host = "127.0.0.1";
    .port = "8002";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app_1);
    apps.add_backend(app_2);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed."));
        }
        # The keys of one committed change, space-separated.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The desk and previews are never cached; nor is anyone signed in (the session cookie).
    if (req.url ~ "^/(admin|preview)/" || req.http.Cookie ~ "(^|; )sessionid=") {
        return (pass);
    }
    # Readers' other cookies (analytics) change nothing the app renders.
    unset req.http.Cookie;
    # Varnish assembles pages from their shared blocks (pagecache/blocks.py): the app
    # then sends a page with an <esi:include> where "More news" or the live feed goes,
    # and each block is a cached object of its own, purged by its own keys.
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
    if (beresp.http.Surrogate-Key) {
        # The keys xkey indexes the object by.
        set beresp.http.xkey = beresp.http.Surrogate-Key;
        # Kept until purged (browsers still get the app's max-age): a change purges it.
        set beresp.ttl = 10m;
        # If every app server is down, serve what is held for a while rather than an error.
        set beresp.grace = 1h;
    }
    return (deliver);
}

sub vcl_deliver {
    # The keys are for caches, not readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
