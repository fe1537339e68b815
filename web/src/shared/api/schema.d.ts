// Generated from infra/openapi.json by `npm run api:generate`. Do not edit.
export interface paths {
    "/auth/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs in by redeeming an invitation link (once). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RedeemLinkRequest"];
                };
            };
            responses: {
                /** @description Also sets the __Host-portico_refresh cookie */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionResponse"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, the code or link is wrong, used or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many answers from this client; wait Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends the session of the refresh cookie: revoked here (the next request with any of its access tokens is
         *     refused) and its refresh token revoked at the identity provider. It needs no access token, so it works
         *     after the access token has expired, and it answers 204 with the cookie cleared whether or not there was
         *     a live session to end. A failure answers 5xx and keeps the cookie, so the sign-out can be tried again.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Signed out, or nothing was signed in; the refresh cookie is cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Sent from a page that is not the practice's portal */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens the single-use link of a notice: says what it leads to (never what it says) and, when asked,
         *     sends a code to the address on file, by the channel the notice went by. The portal shows the item
         *     after a live session of the same patient, or after that code. A used, expired, superseded or
         *     signed-out link answers 401.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["OpenLinkRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OpenedLink"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The link was used, expired, replaced by a newer one, or the patient signed out since */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No practice at this host */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many answers from this client; wait Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/otp/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends a sign-in code to an address on file. Unknown addresses get the same answer, in similar time. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StartCodeRequest"];
                };
            };
            responses: {
                /** @description Accepted: the work continues in the background */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeSentResponse"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Wait Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/otp/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs in with the code. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["VerifyCodeRequest"];
                };
            };
            responses: {
                /** @description Also sets the __Host-portico_refresh cookie */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionResponse"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, the code or link is wrong, used or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many answers from this client; wait Retry-After seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/practice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The practice of the host: name, logo and how to reach it, for the portal's header and the sign-in
         *     help ("no code? call …"). Public and cacheable for five minutes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PracticeInfo"];
                    };
                };
                /** @description The host names no practice */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new access token for the session in the refresh cookie. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionResponse"];
                    };
                };
                /** @description Not signed in, the code or link is wrong, used or expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed for this caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/email/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One-click unsubscribe (RFC 8058): a mail client posts `List-Unsubscribe=One-Click` to the link in
         *     the email's `List-Unsubscribe` header.
         */
        post: {
            parameters: {
                query: {
                    /** @description From the email's List-Unsubscribe link */
                    token: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Unsubscribed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": unknown;
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Unknown or expired link */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your access log, newest first: your sign-ins (when, which device, from where) and every time
         *     someone at the practice opened or changed your record (when, which roles, what).
         */
        get: {
            parameters: {
                query?: {
                    /** @description How many on a page */
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessLog"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your appointments: upcoming soonest first, past most recent first. One query of your partition. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentList"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Books a time (or asks for it, for a request-only service): race-free, one transaction. With an
         *     `Idempotency-Key`, the same key and body answer the same appointment (200); a different body is 422.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1 to 255 visible ASCII characters; remembered for 24 hours */
                    "Idempotency-Key"?: string | null;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BookRequest"];
                };
            };
            responses: {
                /** @description The same Idempotency-Key and body again */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentView"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not bookable online, or acting without a grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The time is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a time offered for this service, or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/appointments/{id}/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The appointment as a calendar file to add to a phone's calendar: the practice and the time, a link to
         *     the portal, and nothing else (no visit type, clinician or place, which could say what it is for).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An iCalendar file (RFC 5545) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/calendar": string;
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancels: late inside the service's cancel notice (never in the five minutes after booking); a
         *     service that blocks late cancels answers 409 and asks the patient to call.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CancelRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Already cancelled or over, changed meanwhile, or too late to cancel online */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/appointments/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirms you will come. Confirming again changes nothing. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a booked appointment */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/appointments/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Your seat in a video visit, from 15 minutes before its start to 30 minutes after its end (403 with
         *     `opens_at` and `closes_at` outside that window). Each call gives a fresh seat.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JoinView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Outside the join window (`opens_at`, `closes_at`), or acting without a grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such video visit going ahead */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/appointments/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moves an appointment to another free time in one transaction: if the new time is taken, nothing
         *     changes.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RescheduleRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AppointmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The new time is taken, the appointment changed, or it is too late to move online */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a time offered for this service */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts an upload: returns a presigned POST valid for five minutes for exactly this file. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UploadRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UploadStarted"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A one-minute download link for one of the patient's attachments. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DownloadLink"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/attachments/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Checks the uploaded file (size, real type, malware scan); only then can it be sent or downloaded. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttachmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Free times for a service over at most 31 days (default: the next 14), from every clinician who sees
         *     it or the one asked for. One query per clinician's schedule.
         */
        get: {
            parameters: {
                query: {
                    service: string;
                    clinician?: string;
                    /** @description RFC 3339; default now */
                    from?: string;
                    /** @description RFC 3339; at most 31 days after from */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Availability"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/availability/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The services patients may book or ask for, with who sees each. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BookableServices"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The billing screen: what is owed, invoices, every entry and payment. One query of the patient's
         *     billing, read while the session is checked.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillingView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/billing/autopay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Turns autopay on with the saved card, a cap and the patient's consent (opt-in only). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AutopayRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AutopayView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The practice takes no payments online, or acting without a grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No consent, terms no longer current, a cap out of range, or a card that was not saved. Codes: `consent_version` `not_current` (the words changed since that version was shown: show the new ones and ask again); `setup_intent_id` `not_saved` (not a card Stripe saved for this patient: try another) or `processing` (a bank account the bank has not confirmed yet: nothing is on; ask again once it has) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The card processor did not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Turns autopay off. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Done; nothing to return */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting without a grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/billing/autopay/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts saving a card for autopay: a SetupIntent the browser confirms with Stripe.js
         *     (`confirmSetup`). Nothing is charged.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Required: one per card being saved */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AutopaySetup"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The practice takes no payments online, or acting without a grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The card processor did not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/billing/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts a payment (or resumes the one this Idempotency-Key started): the server checks the amount
         *     against what is owed, records the payment, and creates its Stripe PaymentIntent; the browser
         *     confirms it with Stripe.js, and the payment is `processing` until Stripe's event posts it.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Required: one per payment, the same on every retry of it */
                    "Idempotency-Key": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PayRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PayStarted"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The practice takes no payments online, or acting without a grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The card processor refused */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a payable amount (zero, negative, fractional, above what is owed, below the minimum), not an invoice, or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/billing/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One payment: the portal asks while it shows "processing", until Stripe's event has posted it. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting without a grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/billing/statements/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A month's statement (`YYYY-MM`, in the practice's zone): JSON for the portal's printable page, or
         *     with `format=pdf` the same statement as a PDF to download.
         */
        get: {
            parameters: {
                query?: {
                    /** @description `pdf` for a PDF; JSON otherwise */
                    format?: string;
                };
                header?: never;
                path: {
                    /** @description YYYY-MM */
                    month: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The statement (JSON), or with format=pdf the PDF (application/pdf) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StatementView"];
                        "application/pdf": number[];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting without a grant that allows billing */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a month with a statement */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's consent documents and the patient's decisions. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentsView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Accepts the current version of a document, or revokes an acceptance. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConsentDecisionRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentsView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Holds a time for five minutes while the patient confirms; a new hold on the service gives up the last. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HoldRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HoldView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not bookable online, or acting without a grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The time is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a time offered for this service (off the schedule, too soon or too far) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/holds/{service_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Gives up your hold on a service's time (you chose another, or changed your mind). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    service_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Released */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No live hold on this service */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/home": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The home screen in one read: the profile, the home summary and the consent state, fetched with the
         *     session in one batch.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HomeView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in patient's profile. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProfileView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes names, language or time zone; a new email or phone is sent a code first. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProfilePatch"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProfileUpdated"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A new email or phone needs a sign-in from the last 5 minutes (type recent-sign-in-required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/portal/me/contact/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirms a new email or phone with the code sent to it. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["VerifyContactRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProfileView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bell: what waits for the patient (a new message, later documents, forms and appointment
         *     changes), newest first, with how many are unread.
         */
        get: {
            parameters: {
                query?: {
                    /** @description How many on a page */
                    limit?: number;
                    /** @description From the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Notifications"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks every notification read. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationsMarked"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks one notification read. Marking it again changes nothing. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The notification's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NotificationsMarked"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How and when the patient may be contacted. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PreferencesView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Replaces the preferences. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PreferencesUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PreferencesView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who can act for you, with what and when they last did; and whom you can act for. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyList"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Only the account's owner sees its proxies */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/proxies/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accepts an invitation to act for someone: the link's token, their code and their date of birth.
         *     Someone new to the practice also gives their own date of birth, and an account is made for the
         *     invited address. Then they sign in with it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProxyAcceptRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyAccepted"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The invitation is not valid, or the code or date of birth does not match */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No practice at this host */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description You can already act for them */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/proxies/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invites someone to act for you (adults only). The link goes to their address; the code is shown to
         *     you once, to pass on; they also need your date of birth.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ProxyInviteRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProxyInvitationSent"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Only an adult account's owner invites */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The practice cannot reach that address */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many invitations today (from you, or to that address) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/proxies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Ends a grant you are part of (someone's access to your account, or yours to someone else's; it stops
         *     working on the very next request), or cancels an invitation you sent that is not accepted yet.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The grant's id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Only the account's owner revokes; a grant the practice made for a child is the practice's to end */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/sessions/end-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs out every other session of yours (a phone you lost, a shared computer); this one stays. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionsEnded"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient's threads, most recent first, with unread counts. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThreadList"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Starts a thread with the care team for a topic. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewThreadRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThreadView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/threads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of a thread, newest last. Another patient's thread does not exist here. */
        get: {
            parameters: {
                query?: {
                    /** @description older_cursor of the previous page */
                    before?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThreadView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/threads/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Closes a thread the patient started. A new message from them reopens it; threads the care team
         *     started are theirs to close (409).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThreadSummary"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/threads/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Writes to the care team in a thread. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewMessageRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MessageView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/threads/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks the care team's messages in a thread as read. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ThreadSummary"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What happened in the patient's care at the practice, newest first: messages both ways (by thread,
         *     never their words), consent decisions, sign-ins. One query of the patient's partition per page.
         */
        get: {
            parameters: {
                query?: {
                    /** @description How many on a page */
                    limit?: number;
                    /** @description From the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Timeline"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your waitlist places, and the times offered to you that are still ahead. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WaitlistView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Joins a service's waitlist (at most five places at a time). An offer comes by text or email when a
         *     time that suits you frees up; the first to claim it gets it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["JoinWaitlist"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlaceView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such service, or it has no waitlist */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Already five places */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/waitlist/offers/{offer_id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claims a time offered to you. The first claim wins: it books the time and, if your place was to move
         *     an appointment earlier, cancels that later appointment in the same step. Later claims answer 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    offer_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Claimed by you already: the appointment it made */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClaimView"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ClaimView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else claimed it first, the time was taken, or the claim window passed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/portal/waitlist/{entry_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Leaves a waitlist. Offers already sent for it can no longer be claimed. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entry_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Left */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Acting for someone (Portico-Acting-For) without a live grant that allows this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such waiting place */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed meanwhile */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's appointments (or one clinician's) for a day or a week: one query of the index. */
        get: {
            parameters: {
                query: {
                    /** @description RFC 3339 */
                    from: string;
                    /** @description RFC 3339; at most 31 days after from */
                    to: string;
                    clinician?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduleView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Books for a patient (staff skip the online notice and horizon; the time is still race-free). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffBookRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffAppointmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The time is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a time on the clinician's schedule */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The practice's waiting lines (every service with a waitlist, in offer order) and the report over the
         *     openings of a period (default: the last 30 days): offers sent, claims, accept and fill rates, days
         *     gained by patients who moved an appointment earlier.
         */
        get: {
            parameters: {
                query?: {
                    /** @description RFC 3339; default 30 days before to */
                    from?: string;
                    /** @description RFC 3339; default now; at most 366 days after from */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffWaitlist"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments/waitlist/{entry_id}/priority": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sets a waiting place's priority: `high` places are offered times first. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    entry_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PriorityChange"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffPlaceView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed meanwhile, or no longer waiting */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The visit's clinician takes their seat, in the same window as the patient. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffJoinRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JoinView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not the visit's clinician, or outside the join window (`opens_at`, `closes_at`) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No such video visit going ahead */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moves an appointment through its day: confirm a request (`booked`), `arrived`, `fulfilled`,
         *     `no_show`, or `cancelled`. Any other move, or a change meanwhile, is 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StatusRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffAppointmentView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a move from its state, the time is taken, or it changed meanwhile */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The practice's audit trail, newest first, a page per query: by time range (default the last day),
         *     one patient, one actor or one action (`auth.sign_in` matches its sub-actions). A page never spans
         *     days unless a patient is named; follow `next_cursor` until it is absent. Pages may be short.
         */
        get: {
            parameters: {
                query?: {
                    /** @description RFC 3339; default a day before `to` */
                    from?: string;
                    /** @description RFC 3339; default now */
                    to?: string;
                    patient_id?: string;
                    actor_id?: string;
                    action?: string;
                    /** @description How many on a page */
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditSearchPage"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event of a range (at most 31 days), oldest first, as CSV or JSON lines, to save as a file. */
        get: {
            parameters: {
                query?: {
                    /** @description RFC 3339; default a day before `to` */
                    from?: string;
                    /** @description RFC 3339; default now */
                    to?: string;
                    patient_id?: string;
                    actor_id?: string;
                    action?: string;
                    /** @description `csv` (default) or `jsonl` */
                    format?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                        "text/csv": string;
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/audit/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Writes every event of a range (at most 31 days, at most 250,000 events), oldest first, to a file in
         *     the practice's encrypted store, and answers a link to it that works for five minutes (the file is
         *     removed after a day). For ranges too large to answer directly.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AuditExportRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditExportFile"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Free times for a service for staff booking on a patient's behalf: the clinicians' schedules, their
         *     bookings, holds, blocks and buffers, without the online notice and horizon. At most 31 days.
         */
        get: {
            parameters: {
                query: {
                    service: string;
                    clinician?: string;
                    /** @description RFC 3339 */
                    from: string;
                    /** @description RFC 3339; at most 31 days after from */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Availability"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/billing/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's billing account (administrators and billing staff read it). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not set up yet */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Sets the practice's billing account: its Stripe connected account (one practice per account), live or
         *     test mode, currency and payment rules.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AccountUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed meanwhile */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The Stripe account belongs to another practice */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in: name, email and roles (what the console shows and which screens it offers), and
         *     the idle limit of their session.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSelfView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finds patients by family name (`Lee`, `Lee, Ann`), given then family name (`Ann Lee`), email or phone. */
        get: {
            parameters: {
                query: {
                    /** @description Name prefix, email or phone */
                    query: string;
                    /** @description How many on a page */
                    limit?: number;
                    /** @description From the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientList"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Enrols a patient. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewPatientRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One patient of the staff member's practice. Other practices' patients do not exist here. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Corrects a patient's demographics and contact details, on the version staff read. The patient is
         *     told, without details, that the practice updated their record; a replaced or removed address is told
         *     it no longer signs them in. The answer names the fields that changed.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PatientUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientUpdated"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/staff/patients/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts a staff upload for a patient: a presigned POST valid for five minutes for exactly this file.
         *     The file goes out only with a staff message (or note) in one of the patient's threads.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UploadRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UploadStarted"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/attachments/{attachment}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A one-minute download link for a patient's attachment. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    attachment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DownloadLink"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/attachments/{attachment}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Checks a staff upload (size, real type, malware scan); only then can it be sent. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    attachment: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttachmentView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the chart shows about reaching a patient: consents, preferences, text opt-out, whether a "new
         *     message" notice can reach them by email and by text (and what stops it), and their latest notices
         *     with delivery status. Never the addresses' contents beyond what the chart already shows.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientContactView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disables the patient's account: sessions end at once; sign-in is refused. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/email-suppression/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lifts the email suppression (after a bounce or complaint) of the patient's address, with why. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ClearSuppressionRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SuppressionCleared"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turns a disabled account back on: the patient can sign in again. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sends an invitation link by email or SMS. The message names the practice and carries the link: no PHI. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InviteRequest"];
                };
            };
            responses: {
                /** @description Accepted: the work continues in the background */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationSent"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient's whole ledger: balance, invoices, entries, payments, refunds and disputes. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/ledger/adjustments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adjusts an invoice (negative lowers it) or writes some of it off; never below zero. With an
         *     `Idempotency-Key`, a retry posts nothing more.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1 to 255 visible ASCII characters */
                    "Idempotency-Key"?: string | null;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AdjustmentRequest"];
                };
            };
            responses: {
                /** @description Posted before under this Idempotency-Key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Posted"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Posted"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No billing account yet */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Zero or fractional, a write-off that is not negative, below zero, not this patient's invoice (the `invoice_id` error's `code` is `not_found`), or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/ledger/charges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Posts a charge: on a new invoice, or added to the one named. With an `Idempotency-Key`, a retry
         *     posts nothing more.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description 1 to 255 visible ASCII characters */
                    "Idempotency-Key"?: string | null;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChargeRequest"];
                };
            };
            responses: {
                /** @description Posted before under this Idempotency-Key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Posted"];
                    };
                };
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Posted"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description No billing account yet */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a positive whole amount, not this patient's invoice, a final invoice, or an Idempotency-Key reused with another body. The `invoice_id` error's `code`: `final` (the bill is complete: post on a new one) or `not_found` (not this patient's bill) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the practice may offer the card network for a disputed payment: the non-clinical facts
         *     (attendance times, the financial policy and autopay authorization accepted, message counts, portal
         *     sign-ins, how the payment was made) and, per section, the exact English text Stripe would get.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Stripe's dispute id (`dp_…`) */
                    dispute_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvidenceView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not this patient's dispute */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Sends the chosen sections to Stripe for the card network, once (final: it cannot be changed after).
         *     Answers the dispute's task. A 202 whose evidence is `unsent` means Stripe did not answer: nothing
         *     was submitted, and sending again asks again.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Stripe's dispute id (`dp_…`) */
                    dispute_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EvidenceRequest"];
                };
            };
            responses: {
                /** @description Sent: Stripe has it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvidenceView"];
                    };
                };
                /** @description Not sent: Stripe did not answer (send again) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EvidenceView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not this patient's dispute */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not waiting for evidence, past Stripe's deadline, already sent or being sent, or Stripe refused (and does not have it) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description A chosen section has nothing in it (the `sections` error's `code` is `empty`) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/ledger/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refunds part or all of a payment. The request is recorded at once (202); the ledger's credit posts
         *     when Stripe confirms the refund. The same Idempotency-Key, clicked ten times, makes one refund. A 202
         *     whose refund is `unsent` means Stripe did not answer: nothing was refunded or held, and sending the
         *     same request again (same key, same body) asks Stripe again for this same refund; a new key would be
         *     a second refund.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Required: one per refund, the same on every retry of it */
                    "Idempotency-Key": string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefundBody"];
                };
            };
            responses: {
                /** @description Recorded: `pending` until Stripe confirms, or `unsent` when Stripe did not answer (send the same request again) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RefundView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a completed payment, no billing account, or the card processor refused */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a positive whole amount, more than is left to refund, or an Idempotency-Key reused with another body */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who can act for the patient, and whom the patient can act for. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PatientProxies"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Lets a person of the practice act for the patient. A parent's or guardian's grant is for a child
         *     (under the practice's age rules, which limit and then end it); a guarantor's is billing only.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewGrantRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GrantView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not a role that grants access; an adult's account needs an administrator */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description That person can already act for the patient */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The grant does not fit the patient (a parent's grant for an adult) */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/proxies/{grant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Ends a grant to act for the patient: it stops working on the proxy's very next request. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                    grant_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/sms-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Records a text-message consent the patient gave by phone or on paper (or its withdrawal), with the
         *     method, as the patient's own decision would be recorded. The answer is the patient's consents.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffConsentRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentsView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts a thread with a patient. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Patient id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffNewThreadRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffThreadView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/threads/{thread}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A page of a thread with internal notes, newest last. */
        get: {
            parameters: {
                query?: {
                    before?: string;
                };
                header?: never;
                path: {
                    id: string;
                    thread: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffThreadView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Assigns, closes or reopens a thread, or marks the patient's messages read. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    thread: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ThreadUpdateRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffThreadSummary"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Understood but not acceptable: the body says which rule it breaks */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/staff/patients/{id}/threads/{thread}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replies to the patient, or adds an internal note the patient never sees. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    thread: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffMessageRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffMessageView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{id}/threads/{thread}/messages/{message}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a message from the patient's view; its text is kept for the record. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    thread: string;
                    message: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffMessageView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/practice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's settings and consent documents, with the version an edit must send back. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PracticeSettingsView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Saves the settings (a new version, recorded with who changed which fields). Changes reach every
         *     function within a minute.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PracticeSettingsUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PracticeSettingsView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed since read */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/practice/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publishes a new version of a consent document. A new version of a required document asks every
         *     patient again at their next visit; their earlier decisions keep the version they were made for.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConsentPublication"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PracticeSettingsView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed since read */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/practice/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who changed the settings, when, and which fields, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description How many on a page */
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SettingsHistory"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/schedule/{clinician}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A clinician's weekly schedule. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clinician: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /**
         * Sets a clinician's weekly schedule (windows in their zone, the slot grid, blocks). New time it opens in the
         *     next two weeks is offered to the waitlist first (the earliest three per service with a waitlist).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    clinician: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScheduleInput"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed since read */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every service, active or not. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ServiceList"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Adds a service. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ServiceInput"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Service"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Changes a service (with the version read). */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ServiceInput"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Service"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Changed since read */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's tasks in one status (open by default), or those the caller holds; soonest due first. */
        get: {
            parameters: {
                query?: {
                    /** @description open (default), claimed or done */
                    status?: string;
                    /** @description true: only the tasks the caller holds */
                    mine?: boolean;
                    /** @description How many on a page */
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskList"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/tasks/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Takes a task on: it leaves the team's open list and shows as the caller's. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Done already, or someone else holds it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks a task done. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Done already */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/tasks/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Gives a task the caller holds back to the team. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The caller does not hold it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/team": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's staff, one page at a time: names and roles, for every staff member. */
        get: {
            parameters: {
                query?: {
                    /** @description How many on a page */
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TeamList"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Invites a staff member (admins): the staff pool emails a temporary password (MFA is set up at first
         *     sign-in), and their record exists from now, so care-team notices reach them before they sign in.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffInviteRequest"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffMemberView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The email has a staff account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/team/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disables a staff member at once: every session ends on its next request, and they cannot sign in. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Staff id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffMemberView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Your own account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/team/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turns a disabled staff member's account back on, with the roles it had; they sign in again. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Staff id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffMemberView"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Your own account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/team/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Sets a staff member's roles (admins); they apply to the console at once and to tokens from the
         *     member's next sign-in. An administrator keeps their own admin role.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Staff id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StaffRolesRequest"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffMemberView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Your own admin role */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's notification templates in every language (its own wording or the defaults). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateView"][];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/templates/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Rewords a template in one language. Only the practice's name, phone and portal link may be filled in: nothing about
         *     a patient can reach a text or an email.
         */
        put: {
            parameters: {
                query?: {
                    /** @description Which language's wording (English when absent) */
                    language?: components["schemas"]["Lang"];
                };
                header?: never;
                path: {
                    /** @description Which template */
                    kind: components["schemas"]["TemplateKind"];
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TemplateUpdate"];
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TemplateView"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Nothing exists at this address for the caller (other tenants' objects included) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/threads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's inbox: open or closed threads, anyone's, mine or unassigned, newest activity first. */
        get: {
            parameters: {
                query?: {
                    /** @description open (default) or closed */
                    status?: string;
                    /** @description any (default), me or unassigned */
                    assignee?: string;
                    /** @description How many on a page */
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Inbox"];
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not signed in, or the session has ended (the authorizer's own answer is application/json) */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The staff member's role does not allow this */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An event from Stripe, for any practice's connected account. A valid `Stripe-Signature` (any current
         *     secret, any of its `v1`s, a timestamp within five minutes either way) is checked before anything
         *     else; the event is then queued whole and answered at once. Unknown kinds are answered 200 too.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description t=<unix time>,v1=<HMAC-SHA256 of "t.body">[,v1=…] */
                    "Stripe-Signature": string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description A Stripe event */
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description OK */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Received"];
                    };
                };
                /** @description No or a malformed Stripe-Signature, or not an event */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The signature does not match, or its timestamp is more than five minutes away */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is larger than one queued event (256 KiB) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/twilio/inbound": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An inbound text: keywords (STOP, START, HELP and their synonyms), or a message for the patient's
         *     thread. Answers with TwiML.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Twilio's HMAC-SHA1 signature */
                    "X-Twilio-Signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description TwiML */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/xml": unknown;
                    };
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed for this caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/twilio/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A delivery status callback; status only moves forward. */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description Twilio's HMAC-SHA1 signature */
                    "X-Twilio-Signature": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Applied or ignored */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The request could not be read: malformed, missing or invalid fields */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Not allowed for this caller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Someone else changed this at the same time; read it again and retry */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is too large (API Gateway's own limit answers application/json) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description The body is not of the content type the route reads */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/{proxy+}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        /**
         * Answers a CORS preflight for the practice whose host this is: allowed origins get the methods and
         *     headers they may use (the edge adds the origin itself); others get no CORS headers, so the browser
         *     refuses the call.
         */
        options: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Any path */
                    "proxy+": string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Preflight answered */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Too many requests (API Gateway's throttling answers application/json) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GatewayMessage"];
                    };
                };
                /** @description Something went wrong on our side; the body quotes a request id */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A document the patient accepted. */
        AcceptanceView: {
            /** Format: date-time */
            accepted_at: string;
            /** @description `patient`, `proxy` (someone acting for the patient) or `staff` (the practice recorded it). */
            by: string;
            /** @description How an answer the practice recorded was given: `verbal` or `written`. */
            method?: string | null;
            version: string;
        };
        /** @description One line of the patient's access log. */
        AccessEntry: {
            /** @description What happened, as the audit trail names it (`auth.sign_in.code`, `patient.read`, `message.staff.create`…). */
            action: string;
            /** Format: date-time */
            at: string;
            /**
             * @description `you` (a sign-in or sign-out), `staff` (someone at the practice) or `proxy` (someone acting for
             *     you: `grant_id` names their access in `GET /portal/proxies`).
             */
            by: string;
            /** @description For your own sign-ins: the browser or device that asked, and the address it came from. */
            device?: string | null;
            grant_id?: string | null;
            ip?: string | null;
            /** @description The staff member's roles (`admin`, `clinician`, `front-desk`, `billing`); empty for you. */
            roles: string[];
            /** @description Whether it went through. */
            succeeded: boolean;
        };
        AccessLog: {
            entries: components["schemas"]["AccessEntry"][];
            /** @description Present while older entries may follow (a page may be short). */
            next_cursor?: string | null;
        };
        /** @enum {string} */
        AccountStatus: "active" | "disabled";
        AccountUpdate: {
            allow_prepayment: boolean;
            currency: string;
            livemode: boolean;
            /** Format: int64 */
            minimum_payment: number;
            statement_descriptor: string;
            stripe_account: string;
        };
        /** @description The practice's billing account, as administrators set it. */
        AccountView: {
            allow_prepayment: boolean;
            currency: string;
            livemode: boolean;
            /** Format: int64 */
            minimum_payment: number;
            statement_descriptor: string;
            stripe_account: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @enum {string} */
        AdjustmentKind: "adjustment" | "write_off";
        /** @description Adjust an invoice (negative lowers it) or write some of it off. */
        AdjustmentRequest: {
            /**
             * Format: int64
             * @description Signed minor units; a write-off is negative.
             */
            amount: number;
            description: string;
            invoice_id: string;
            kind: components["schemas"]["AdjustmentKind"];
        };
        /**
         * @description How a parent's or guardian's access changes as the child grows, in whole years at local midnight of
         *     the birthday in the practice's zone. The defaults: full access to 11, limited from 12 to 17 (the
         *     confidential topics and the teen's own conversations hidden), ended at 18.
         */
        AgeRules: {
            /**
             * Format: int32
             * @description The age at which a parent's access ends.
             */
            adult_at: number;
            /** @description Topics a limited parent never sees. */
            confidential_topics: components["schemas"]["Topic"][];
            /**
             * Format: int32
             * @description The age at which a parent's access becomes limited.
             */
            limited_from: number;
        };
        /** @description How an entry moved one invoice's balance. */
        Allocation: {
            /** Format: int64 */
            amount: number;
            invoice_id: string;
        };
        AppointmentList: {
            /** @description Most recent first. */
            past: components["schemas"]["AppointmentView"][];
            /** @description Soonest first: requested, booked and arrived ones still ahead. */
            upcoming: components["schemas"]["AppointmentView"][];
        };
        AppointmentView: {
            appointment_id: string;
            cancel_reason?: string | null;
            clinician_id: string;
            clinician_name: string;
            /** Format: date-time */
            confirmed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            end: string;
            /** Format: date-time */
            join_closes_at?: string | null;
            /**
             * Format: date-time
             * @description For a video visit: when it can be joined (15 minutes before the start to 30 after the end).
             */
            join_opens_at?: string | null;
            late_cancel: boolean;
            mode: components["schemas"]["VisitMode"];
            service_id: string;
            service_name: string;
            /** Format: date-time */
            start: string;
            status: components["schemas"]["Status"];
            /** @description The clinician's zone. */
            time_zone: string;
            /** Format: int64 */
            version: number;
        };
        /**
         * @description A file sent with a message, as the message shows it. Copied from the attachment when it is sent;
         *     a sent attachment never changes.
         */
        Attached: {
            attachment_id: string;
            content_type: string;
            file_name: string;
            /** Format: int64 */
            size: number;
        };
        AttachmentView: {
            attachment_id: string;
            content_type: components["schemas"]["FileType"];
            /** Format: date-time */
            created_at: string;
            file_name: string;
            reason?: string | null;
            /** @description How the file was checked. */
            scan?: string | null;
            /** Format: int64 */
            size?: number | null;
            state: components["schemas"]["State"];
        };
        /** @description One participant's seat in a meeting: the token is theirs alone, and lasts as long as the meeting. */
        Attendee: {
            attendee_id: string;
            join_token: string;
        };
        /** @description One audit event as reviewers see it: who, what, when, from where, and how it ended. Never PHI. */
        AuditEventView: {
            action: string;
            actor_id?: string | null;
            actor_kind: string;
            /** Format: date-time */
            at: string;
            ip?: string | null;
            object_id?: string | null;
            object_kind: string;
            /** @description `success`, `denied`, `not_found`, `rejected` or `error`. */
            outcome: string;
            patient_id?: string | null;
            request_id: string;
            /** Format: int32 */
            status: number;
            user_agent?: string | null;
        };
        /** @description An export file, ready: its link works until `expires_at` (open it to download the file). */
        AuditExportFile: {
            /** Format: int64 */
            bytes: number;
            events: number;
            /** Format: date-time */
            expires_at: string;
            file_name: string;
            url: string;
        };
        /** @description A range of the audit trail to write to a file: the same filters as the search. */
        AuditExportRequest: {
            action?: string | null;
            actor_id?: string | null;
            format?: components["schemas"]["ExportFormat"];
            /**
             * Format: date-time
             * @description RFC 3339.
             */
            from: string;
            patient_id?: string | null;
            /**
             * Format: date-time
             * @description RFC 3339; at most 31 days after `from`.
             */
            to: string;
        };
        AuditSearchPage: {
            events: components["schemas"]["AuditEventView"][];
            /** @description Present while more may follow (even after a short or empty page). */
            next_cursor?: string | null;
        };
        /** @description Turn autopay on with the card a confirmed SetupIntent saved. */
        AutopayRequest: {
            /**
             * Format: int64
             * @description The most autopay may charge at once (minor units, 1 to 10,000,000).
             */
            cap: number;
            /** @description The patient agrees that finalized invoices up to the cap are charged to this card each month. */
            consent: boolean;
            /**
             * @description The version of the consent's words the patient was shown (`AutopaySetup.consent_version`); a
             *     version that is no longer current is refused (422, code `not_current`) and nothing is turned on.
             */
            consent_version: string;
            /** @description The SetupIntent the browser confirmed (`seti_…`). */
            setup_intent_id: string;
        };
        /** @description What the browser saves a card with (Stripe.js `confirmSetup`). */
        AutopaySetup: {
            client_secret: string;
            /** @description That version's words, to show beside the box the patient checks. */
            consent_text: components["schemas"]["ConsentText"];
            /** @description The consent the patient is asked for, by version: send it back in `AutopayRequest`. */
            consent_version: string;
            js_url: string;
            publishable_key: string;
            stripe_account: string;
        };
        /** @description A patient's autopay. */
        AutopayView: {
            active: boolean;
            /**
             * Format: int64
             * @description The most it charges at once (minor units).
             */
            cap: number;
            consent_version: string;
            /** Format: date-time */
            consented_at: string;
            /**
             * Format: int64
             * @description What the last run charged (minor units); null when it charged nothing.
             */
            last_amount?: number | null;
            last_outcome?: components["schemas"]["RunOutcome"] | null;
            /**
             * Format: date-time
             * @description When the last run did it.
             */
            last_run_at?: string | null;
            /**
             * Format: date-time
             * @description When the run next looks at what is owed (in the practice's early hours); null while autopay is
             *     off or paused.
             */
            next_run_at?: string | null;
            /** @description Paused while a dispute is open. */
            paused: boolean;
        };
        Availability: {
            service_id: string;
            slots: components["schemas"]["Slot"][];
            /** @description The patient's zone the labels are in. */
            time_zone: string;
        };
        BellItem: {
            /** @description For an appointment: `booked`, `moved` or `cancelled`. */
            appointment_change?: string | null;
            appointment_id?: string | null;
            /** Format: date-time */
            at: string;
            /** @description Pass to mark this item read. */
            id: string;
            kind: components["schemas"]["BellKind"];
            /**
             * Format: date-time
             * @description When the patient read it; absent while unread.
             */
            read_at?: string | null;
            thread_id?: string | null;
            /** @description The thread's subject, or what happened to which appointment: the patient's own portal may show it. */
            title?: string | null;
        };
        /**
         * @description What a bell item tells of.
         * @enum {string}
         */
        BellKind: "new_message" | "appointment_changed";
        /** @description The patient's billing screen: balance, invoices, the ledger, payments. */
        BillingView: {
            autopay?: components["schemas"]["AutopayView"] | null;
            /**
             * Format: int64
             * @description What is owed now (negative: a credit).
             */
            balance: number;
            currency: string;
            /** @description Newest first. */
            entries: components["schemas"]["EntryView"][];
            /** @description Newest first. */
            invoices: components["schemas"]["InvoiceView"][];
            pay: components["schemas"]["PayRules"];
            /** @description Newest first. */
            payments: components["schemas"]["PaymentView"][];
            /** @description The months with a statement (`YYYY-MM`, in the practice's zone), newest first. */
            statement_months: string[];
            /**
             * Format: int64
             * @description Credit not yet applied to an invoice.
             */
            unapplied: number;
        };
        /** @description Time taken out of a schedule (a day off, a meeting). */
        Block: {
            /** Format: date-time */
            end: string;
            reason?: string | null;
            /** Format: date-time */
            start: string;
        };
        /**
         * @description What stops a notice on one channel, whatever the day's counts: what staff see on the chart.
         * @enum {string}
         */
        Blocked: "no_address" | "opted_out" | "country_not_served" | "undeliverable" | "no_consent" | "preference_off" | "suppressed";
        /**
         * @description Books a time (or asks for it, for a request-only service). Send an `Idempotency-Key` header: the
         *     same key and body within 24 hours answer the same appointment.
         */
        BookRequest: {
            clinician_id: string;
            service_id: string;
            /** Format: date-time */
            start: string;
        };
        /** @description A service a patient may book or ask for. */
        BookableService: {
            /** @description `patients` (book a free time) or `request_only` (ask; the practice confirms). */
            booking: components["schemas"]["Booking"];
            /**
             * Format: int64
             * @description Cancelling later than this before the start is late (see `late_cancel`); rescheduling online
             *     closes this long before.
             */
            cancel_notice_hours: number;
            clinicians: components["schemas"]["ClinicianView"][];
            /** Format: int64 */
            duration_minutes: number;
            /**
             * Format: int64
             * @description How far ahead, and how soon, it can be booked online.
             */
            horizon_days: number;
            late_cancel: components["schemas"]["LateCancel"];
            /** Format: int64 */
            min_notice_minutes: number;
            mode: components["schemas"]["VisitMode"];
            name: string;
            /** Format: int64 */
            reschedule_notice_hours: number;
            service_id: string;
            /** @description Patients may join its waitlist for an earlier time. */
            waitlist: boolean;
        };
        BookableServices: {
            services: components["schemas"]["BookableService"][];
        };
        /**
         * @description Who may book a service online.
         * @enum {string}
         */
        Booking: "patients" | "request_only" | "staff_only";
        CancelRequest: {
            reason?: string | null;
        };
        CategorySet: {
            appointment_reminders: boolean;
            billing: boolean;
            marketing: boolean;
            messages: boolean;
        };
        /**
         * @description How a patient is reached outside the portal.
         * @enum {string}
         */
        Channel: "email" | "sms";
        /** @description Whether a "new message" notice can reach the patient on one channel, and if not, why. */
        ChannelReach: {
            blocked_by?: components["schemas"]["Blocked"] | null;
            reachable: boolean;
        };
        /** @description Post a charge (a new invoice unless one is named). */
        ChargeRequest: {
            /** Format: int64 */
            amount: number;
            /** @description What it is for, as the patient will read it. */
            description: string;
            /**
             * @description The invoice is complete (the default): nothing more is charged on it, and autopay may pay it.
             *     `false` keeps it open for more charges (the next charge on it may finalize it).
             */
            finalize?: boolean | null;
            invoice_id?: string | null;
        };
        /** @description A claim that landed: the new appointment, and the later one it replaced (now cancelled). */
        ClaimView: {
            appointment: components["schemas"]["AppointmentView"];
            replaced_appointment_id?: string | null;
        };
        /**
         * @description Why staff lift a suppression: a fixed list, so no free text (and no PHI) goes into the record.
         * @enum {string}
         */
        ClearReason: "patient_confirmed_address" | "provider_error";
        ClearSuppressionRequest: {
            reason: components["schemas"]["ClearReason"];
        };
        /** @description A clinician who sees a service. */
        ClinicianView: {
            clinician_id: string;
            name: string;
        };
        /** @description A code is on its way if the address is on file. The answer is the same either way. */
        CodeSentResponse: {
            challenge_id: string;
            channel: components["schemas"]["Channel"];
            /**
             * Format: int64
             * @description Seconds the code stays valid.
             */
            expires_in: number;
            /**
             * Format: int64
             * @description Seconds until another code may be asked for.
             */
            resend_after: number;
        };
        ConsentDecisionRequest: {
            decision: components["schemas"]["Decision"];
            kind: components["schemas"]["ConsentKind"];
            /** Format: int32 */
            version: number;
        };
        /** @description One version of a consent document, as the practice publishes it. */
        ConsentDocument: {
            kind: components["schemas"]["ConsentKind"];
            /** @description Patients are asked to accept required documents before using the portal. */
            required: boolean;
            summary: string;
            title: string;
            /** @description Where the full text lives (the practice's site or a portal page). */
            url: string;
            /** Format: int32 */
            version: number;
        };
        ConsentEventView: {
            /** @description `patient` or `staff`. */
            actor: string;
            /** Format: date-time */
            at: string;
            decision: components["schemas"]["Decision"];
            kind: components["schemas"]["ConsentKind"];
            /** @description How a decision staff recorded was given: `verbal` or `written`; `null` for the patient's own. */
            method?: string | null;
            /** Format: int32 */
            version: number;
        };
        /** @enum {string} */
        ConsentKind: "terms_of_use" | "privacy_notice" | "sms_messages" | "email_messages" | "telehealth" | "financial_policy";
        /** @enum {string} */
        ConsentMethod: "verbal" | "written";
        /** @description A new version of one consent document (the practice's `version` as read). */
        ConsentPublication: {
            kind: components["schemas"]["ConsentKind"];
            required: boolean;
            summary: string;
            title: string;
            url: string;
            /** Format: int64 */
            version: number;
        };
        /**
         * @description Where a patient stands with one document.
         * @enum {string}
         */
        ConsentStatus: "not_given" | "accepted" | "revoked" | "outdated" | "declined";
        /** @description A consent's words in each language the portal speaks. */
        ConsentText: {
            en: string;
            es: string;
        };
        ConsentView: {
            /** Format: int32 */
            current_version: number;
            /** Format: date-time */
            decided_at?: string | null;
            /** Format: int32 */
            decided_version?: number | null;
            kind: components["schemas"]["ConsentKind"];
            required: boolean;
            status: components["schemas"]["ConsentStatus"];
            summary: string;
            title: string;
            url: string;
        };
        ConsentsView: {
            consents: components["schemas"]["ConsentView"][];
            /** @description Newest first. */
            history: components["schemas"]["ConsentEventView"][];
        };
        /** @enum {string} */
        Decision: "accept" | "revoke" | "decline";
        /** @enum {string} */
        DisputeStatus: "needs_response" | "under_review" | "won" | "lost" | "closed";
        /** @description A dispute of a payment. */
        DisputeView: {
            /** Format: int64 */
            amount: number;
            dispute_id: string;
            evidence?: components["schemas"]["EvidenceSentView"] | null;
            /** Format: date-time */
            evidence_due_by?: string | null;
            /** Format: date-time */
            opened_at: string;
            payment_id: string;
            reason: string;
            status: components["schemas"]["DisputeStatus"];
        };
        DownloadLink: {
            /** Format: date-time */
            expires_at: string;
            url: string;
        };
        /** @enum {string} */
        EntryKind: "charge" | "adjustment" | "write_off" | "payment" | "refund" | "refund_reversal" | "dispute_hold" | "dispute_release";
        /** @description One ledger entry, as the patient and staff see it. */
        EntryView: {
            allocations: components["schemas"]["Allocation"][];
            /**
             * Format: int64
             * @description The change to the balance (positive: more is owed).
             */
            amount: number;
            description?: string | null;
            /** @description The entry's unique source (a Portico id or a Stripe object's id). */
            entry_id: string;
            kind: components["schemas"]["EntryKind"];
            payment_id?: string | null;
            /** Format: date-time */
            posted_at: string;
        };
        /** @description Text for one of Stripe's evidence fields. */
        EvidenceField: {
            /**
             * @description Stripe's field: `product_description`, `service_date`, `access_activity_log`,
             *     `refund_policy_disclosure` or `uncategorized_text`. Parts of one field are sent a blank line apart,
             *     in the order listed (what is always sent first, then the sections in their order).
             */
            name: string;
            value: string;
        };
        /** @description The sections of evidence to send (each must have something in it). */
        EvidenceRequest: {
            sections: components["schemas"]["EvidenceSection"][];
        };
        /**
         * @description What staff may choose to tell the card network about a disputed payment: non-clinical facts only.
         * @enum {string}
         */
        EvidenceSection: "attendance" | "financial_policy" | "communication" | "portal_activity";
        /** @description One section staff may choose, and exactly what it adds to what Stripe gets. */
        EvidenceSectionView: {
            /** @description Whether there is anything to send in it. */
            available: boolean;
            fields: components["schemas"]["EvidenceField"][];
            section: components["schemas"]["EvidenceSection"];
        };
        /** @description Evidence staff sent for a dispute. */
        EvidenceSentView: {
            /** Format: date-time */
            at: string;
            /** @description `staff:<id>`. */
            by: string;
            sections: components["schemas"]["EvidenceSection"][];
            /**
             * @description `sent`: Stripe has it (final); `unsent`: Stripe did not answer, nothing was submitted; `sending`:
             *     under way.
             */
            state: components["schemas"]["EvidenceState"];
        };
        /**
         * @description Where a dispute's evidence stands.
         * @enum {string}
         */
        EvidenceState: "sending" | "sent" | "unsent";
        /** @description What the practice may offer for a disputed payment: non-clinical facts only, and the exact text. */
        EvidenceView: {
            /** @description What is sent whatever staff choose: the neutral description and the payment's line. */
            always: components["schemas"]["EvidenceField"][];
            autopay?: components["schemas"]["AcceptanceView"] | null;
            /**
             * @description Why not: `not_open` (no longer waiting for evidence), `past_due` (Stripe's deadline passed),
             *     `sent` (final) or `sending` (under way).
             */
            blocked?: string | null;
            /** @description Whether evidence can be sent now. */
            can_send: boolean;
            dispute: components["schemas"]["DisputeView"];
            financial_policy?: components["schemas"]["AcceptanceView"] | null;
            messages: components["schemas"]["MessageCounts"];
            /** Format: date-time */
            paid_at: string;
            paid_by: components["schemas"]["PaidBy"];
            sections: components["schemas"]["EvidenceSectionView"][];
            /** @description Oldest first, the latest 20. */
            sign_ins: string[];
            /** @description The practice's zone: the text's times are local to it. */
            time_zone: string;
            /** @description Oldest first, the latest 20. */
            visits: components["schemas"]["VisitView"][];
        };
        /**
         * @description The two forms an export takes.
         * @enum {string}
         */
        ExportFormat: "csv" | "jsonl";
        /**
         * @description One invalid field of a request: a JSON path (`email`, `consents[0].kind`) and what is wrong with it,
         *     in English words and, where a reader must be told which of several reasons it was, a stable `code`
         *     the apps word in the reader's language (each route's description lists its codes).
         */
        FieldError: {
            code?: string | null;
            detail: string;
            field: string;
        };
        /**
         * @description The kinds of file accepted.
         * @enum {string}
         */
        FileType: "application/pdf" | "image/jpeg" | "image/png" | "image/heic";
        /** @description An answer of API Gateway itself (authorizer, throttling, payload limit), not of a function. */
        GatewayMessage: {
            message: string;
        };
        /** @description A grant as the patient, the proxy and the staff see it. */
        GrantView: {
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When a grant made for a minor ends: their coming of age.
             */
            ends_at?: string | null;
            /** Format: date-time */
            expires_at?: string | null;
            grant_id: string;
            /** @description `patient` (the patient invited them) or `staff`. */
            granted_by: string;
            /**
             * Format: date-time
             * @description When the proxy last acted for the patient (to within a few minutes).
             */
            last_used_at?: string | null;
            legal_basis: components["schemas"]["LegalBasis"];
            patient: components["schemas"]["PatientNames"];
            patient_id: string;
            proxy: components["schemas"]["PatientNames"];
            proxy_id: string;
            relationship: components["schemas"]["Relationship"];
            scopes: components["schemas"]["Scope"][];
            /** @description What it allows today: a teen's parent is `limited`; `ended` once expired or come of age. */
            standing: components["schemas"]["Standing"];
        };
        HoldRequest: {
            clinician_id: string;
            service_id: string;
            /** Format: date-time */
            start: string;
        };
        HoldView: {
            clinician_id: string;
            /**
             * Format: date-time
             * @description The slot is kept for you until then.
             */
            expires_at: string;
            service_id: string;
            /** Format: date-time */
            start: string;
        };
        HomeActing: {
            grant_id: string;
            /**
             * @description A teen's account under the practice's age rules: confidential topics and the teen's own
             *     conversations are hidden.
             */
            limited: boolean;
            patient_id: string;
            relationship: components["schemas"]["Relationship"];
            scopes: components["schemas"]["Scope"][];
        };
        HomeAppointment: {
            appointment_id: string;
            clinician_name: string;
            service_name: string;
            /** Format: date-time */
            start: string;
            /** @description `requested` or `booked`. */
            status: string;
        };
        HomeMessage: {
            /** Format: date-time */
            at: string;
            preview: string;
            subject: string;
            thread_id: string;
        };
        HomeName: {
            given_name: string;
            patient_id: string;
            preferred_name?: string | null;
            /**
             * @description An account made only to act for others (a caregiver who is not a patient here): the portal
             *     opens on someone they act for.
             */
            proxy_only: boolean;
        };
        /** @description Someone the signed-in person may act for. */
        HomePerson: {
            given_name: string;
            patient_id: string;
            preferred_name?: string | null;
            relationship: components["schemas"]["Relationship"];
        };
        HomePractice: {
            email?: string | null;
            logo_url?: string | null;
            name: string;
            phone?: string | null;
        };
        HomeProfile: {
            given_name: string;
            language: string;
            preferred_name?: string | null;
            time_zone: string;
        };
        /** @description The home screen, in one read: greeting, the practice, what is new, what waits for a decision. */
        HomeView: {
            acting_for?: components["schemas"]["HomeActing"] | null;
            /** @description Consent documents waiting for the patient's decision (the required ones first block the portal). */
            consents_needing_decision: number;
            latest_unread?: components["schemas"]["HomeMessage"] | null;
            next_appointment?: components["schemas"]["HomeAppointment"] | null;
            /**
             * Format: int64
             * @description Unread items of the bell (`GET /portal/notifications`).
             */
            notifications_unread: number;
            /** @description The people the signed-in person may act for: the person switcher. Empty for most patients. */
            people: components["schemas"]["HomePerson"][];
            /** @description Who is signed in (the greeting names them, whoever they act for). */
            person: components["schemas"]["HomeName"];
            practice: components["schemas"]["HomePractice"];
            profile: components["schemas"]["HomeProfile"];
            /**
             * Format: int64
             * @description Messages from the care team not read yet, across conversations.
             */
            unread_total: number;
        };
        Inbox: {
            next_cursor?: string | null;
            threads: components["schemas"]["StaffThreadSummary"][];
        };
        InvitationSent: {
            channel: components["schemas"]["Channel"];
            /** @description The address, partly hidden. */
            destination: string;
            /** Format: date-time */
            expires_at: string;
        };
        InviteRequest: {
            channel?: components["schemas"]["Channel"] | null;
        };
        /** @description One invoice: what was charged on it and what is still owed. */
        InvoiceView: {
            /** Format: int64 */
            balance: number;
            /** Format: int64 */
            charged: number;
            /** @description What it is for (its first charge's description). */
            description?: string | null;
            /** @description Complete: no more charges on it; autopay may pay it. */
            finalized: boolean;
            invoice_id: string;
            /** Format: int32 */
            number: number;
            /** Format: date-time */
            opened_at: string;
        };
        /**
         * @description What a link opens.
         * @enum {string}
         */
        ItemKind: "thread" | "offer";
        /** @description An item of the patient's account a notice is about. */
        ItemRef: {
            id: string;
            kind: components["schemas"]["ItemKind"];
        };
        /**
         * @description Your seat in a video visit: the meeting and your own attendee token (for the video client), and the
         *     join page where the provider serves one (the local stand-in).
         */
        JoinView: {
            appointment_id: string;
            attendee: components["schemas"]["Attendee"];
            /** Format: date-time */
            closes_at: string;
            join_url?: string | null;
            meeting: components["schemas"]["Meeting"];
            /** Format: date-time */
            opens_at: string;
        };
        /**
         * @description Join a service's waitlist: the clinicians, days and parts of the day you can make, between two
         *     dates; optionally the booked appointment an earlier time would replace.
         */
        JoinWaitlist: {
            /** @description Empty or absent: any clinician who sees the service. */
            clinicians?: string[];
            /** @description `mon` … `sun`; empty or absent: any day. */
            days?: components["schemas"]["Weekday"][];
            /**
             * Format: date
             * @description The first and last days you can come (`YYYY-MM-DD`, in the visit's zone).
             */
            from: string;
            /** @description Empty or absent: any time of day. */
            parts_of_day?: components["schemas"]["PartOfDay"][];
            /**
             * @description Your booked appointment for this service that an earlier time would replace (it is cancelled in
             *     the same step as the claim).
             */
            replaces?: string | null;
            service_id: string;
            /** Format: date */
            to: string;
        };
        /**
         * @description The language a message is written in: the patient's, where we have it (English otherwise).
         * @enum {string}
         */
        Lang: "en" | "es";
        /** @description The newest shared message of a thread, for lists. */
        LastMessageView: {
            /** Format: date-time */
            at: string;
            from: components["schemas"]["Party"];
            /** @description The first words, on one line (at most 80 characters); empty when only files were sent. */
            preview: string;
        };
        /**
         * @description What a cancellation inside the cancel notice does.
         * @enum {string}
         */
        LateCancel: "allow" | "allow_as_late" | "block";
        /** @description A patient's ledger as billing staff see it. */
        LedgerView: components["schemas"]["BillingView"] & {
            disputes: components["schemas"]["DisputeView"][];
            patient_id: string;
            refunds: components["schemas"]["RefundView"][];
        };
        /**
         * @description Why the proxy may act for the patient.
         * @enum {string}
         */
        LegalBasis: "parental_responsibility" | "court_order" | "power_of_attorney" | "patient_authorization" | "financial_responsibility";
        LinkCode: {
            challenge_id: string;
            channel: components["schemas"]["Channel"];
            /** @description Where the code went, masked. */
            destination: string;
            /** Format: int64 */
            expires_in: number;
            /** Format: int64 */
            resend_after: number;
        };
        /** @description A visit's meeting: what a client needs to connect to its media. */
        Meeting: {
            /** @description The media endpoints, as the provider gives them (`AudioHostUrl`, `SignalingUrl`, …). */
            media_placement: Record<string, never>;
            media_region: string;
            meeting_id: string;
        };
        /** @description Portal messages each way before the dispute (never their words or subjects). */
        MessageCounts: {
            /** Format: date-time */
            first_at?: string | null;
            /** Format: int32 */
            from_patient: number;
            /** Format: int32 */
            from_practice: number;
            /** Format: date-time */
            last_at?: string | null;
        };
        /** @description A message as the patient sees it: internal notes are never included, deleted text never shown. */
        MessageView: {
            /** @description Files sent with the message; download each through `/portal/attachments/{attachment_id}`. */
            attachments: components["schemas"]["Attached"][];
            body?: string | null;
            /** Format: date-time */
            created_at: string;
            deleted: boolean;
            /** @description `patient` or `care_team`. */
            from: string;
            message_id: string;
            /** Format: date-time */
            read_at?: string | null;
            via: components["schemas"]["Via"];
            /** @description The name of the person who wrote it while acting for the patient (a parent, a caregiver). */
            written_by?: string | null;
        };
        /** @description A grant made by staff: `proxy_id` is a person with an account at the practice (enrol them first). */
        NewGrantRequest: {
            /**
             * Format: date
             * @description The last day it works (YYYY-MM-DD, the practice's time zone); none for no end.
             */
            expires_on?: string | null;
            legal_basis: components["schemas"]["LegalBasis"];
            proxy_id: string;
            /** @description `parent` and `legal_guardian` are for a child (the practice's age rules apply). */
            relationship: components["schemas"]["Relationship"];
            /** @description A guarantor's is `billing` only. */
            scopes: components["schemas"]["Scope"][];
        };
        NewMessageRequest: {
            attachment_ids?: string[];
            body?: string;
        };
        /** @description A new patient. At least one of email and phone is needed to invite them. */
        NewPatientRequest: {
            /**
             * Format: date
             * @example 1984-07-02
             */
            date_of_birth: string;
            email?: string | null;
            family_name: string;
            given_name: string;
            language?: string | null;
            phone?: string | null;
            preferred_name?: string | null;
            pronouns?: string | null;
            time_zone?: string | null;
        };
        NewThreadRequest: {
            attachment_ids?: string[];
            body?: string;
            subject: string;
            topic: components["schemas"]["Topic"];
        };
        NoticeReach: {
            email: components["schemas"]["ChannelReach"];
            sms: components["schemas"]["ChannelReach"];
        };
        /**
         * @description One notice to the patient: sent (with the provider's latest status), skipped by the send gate, or
         *     refused by the provider. Never its words (they are PHI-free anyway) nor the address.
         */
        NotificationView: {
            /** Format: date-time */
            at: string;
            channel?: components["schemas"]["Channel"] | null;
            notification_id: string;
            /** @description Why it was skipped or refused, in staff's words; the provider's error code for failed texts. */
            reason?: string | null;
            /** @description `queued`, `sent`, `delivered`, `undelivered`, `failed`, `skipped`, or `refused` by the provider. */
            status: string;
        };
        Notifications: {
            /** @description Newest first. */
            items: components["schemas"]["BellItem"][];
            next_cursor?: string | null;
            /** Format: int64 */
            unread: number;
        };
        NotificationsMarked: {
            /** @description How many were unread and are read now. */
            marked: number;
        };
        /** @enum {string} */
        OfferStatus: "offered" | "claimed" | "gone" | "expired";
        /** @description A freed time offered to you: claim it before `expires_at`; the first claim wins. */
        OfferView: {
            clinician_id: string;
            clinician_name: string;
            /** Format: date-time */
            end: string;
            entry_id: string;
            /** Format: date-time */
            expires_at: string;
            offer_id: string;
            /** @description The appointment a claim cancels, if the place was to move one earlier. */
            replaces?: string | null;
            service_id: string;
            service_name: string;
            /** Format: date-time */
            start: string;
            /** @description `offered` (claim it), `claimed`, `gone` (someone else was first), or `expired`. */
            status: components["schemas"]["OfferStatus"];
            /** @description The clinician's zone. */
            time_zone: string;
        };
        /** @description Opening a notice's link. */
        OpenLinkRequest: {
            /**
             * @description Send a sign-in code to the address the notice went to (when this browser has no live session of
             *     the same patient).
             */
            send_code?: boolean;
            /** @description The token from the link's fragment. */
            token: string;
        };
        /** @description What a link leads to. Showing it needs a live session of `patient_id`, or the code sent now. */
        OpenedLink: {
            challenge?: components["schemas"]["LinkCode"] | null;
            item: components["schemas"]["ItemRef"];
            patient_id: string;
        };
        /**
         * @description How the disputed payment was made.
         * @enum {string}
         */
        PaidBy: "patient" | "proxy" | "autopay";
        /** @enum {string} */
        PartOfDay: "morning" | "afternoon" | "evening";
        /**
         * @description Who wrote a message, as the lists say it.
         * @enum {string}
         */
        Party: "patient" | "care_team";
        /**
         * @description What the chart shows about reaching a patient: consents, preferences, text opt-out, whether a "new
         *     message" notice can reach them on each channel (and what stops it), and their latest notices.
         */
        PatientContactView: {
            consents: components["schemas"]["ConsentsView"];
            notices: components["schemas"]["NoticeReach"];
            preferences: components["schemas"]["PreferencesView"];
            /** @description Newest first, at most ten. */
            recent_notifications: components["schemas"]["NotificationView"][];
            /** @description The patient texted STOP and has not texted START since. */
            sms_opted_out: boolean;
        };
        PatientList: {
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
            patients: components["schemas"]["PatientSummary"][];
        };
        /**
         * @description How a patient is named on staff lists (inbox rows, tasks): kept on the row, so a list needs no lookup
         *     per patient. A copy from when the row was made.
         */
        PatientNames: {
            family_name: string;
            given_name: string;
            preferred_name?: string | null;
        };
        /** @description Who can act for a patient, and whom the patient acts for. */
        PatientProxies: {
            acting_for_patient: components["schemas"]["GrantView"][];
            patient_acts_for: components["schemas"]["GrantView"][];
        };
        PatientSummary: {
            /** Format: date */
            date_of_birth: string;
            family_name: string;
            given_name: string;
            patient_id: string;
            status: components["schemas"]["AccountStatus"];
        };
        /**
         * @description Staff's correction of a patient's record. Absent fields stay as they are; `null` clears an optional
         *     one (an email or a phone may be removed while the other remains). A new email or phone is used at
         *     once: staff confirm it with the patient. The patient is told, without details, that the practice
         *     updated their record, and an address that no longer signs them in is told too.
         */
        PatientUpdate: {
            /**
             * Format: date
             * @example 1984-07-02
             */
            date_of_birth?: string | null;
            email?: string | null;
            family_name?: string | null;
            given_name?: string | null;
            language?: string | null;
            phone?: string | null;
            preferred_name?: string | null;
            pronouns?: string | null;
            time_zone?: string | null;
            /**
             * Format: int64
             * @description The `version` of the record the change was made on.
             */
            version: number;
        };
        /** @description The record after a change, and which fields changed (empty: nothing was, and nobody was told). */
        PatientUpdated: {
            changed: string[];
            patient: components["schemas"]["PatientView"];
        };
        /** @description A patient as staff see them. */
        PatientView: {
            /** Format: date-time */
            created_at: string;
            /** Format: date */
            date_of_birth: string;
            email?: string | null;
            family_name: string;
            given_name: string;
            /** @description An invitation link is outstanding (sent, not yet redeemed or replaced). */
            invitation_sent: boolean;
            language: string;
            patient_id: string;
            phone?: string | null;
            preferred_name?: string | null;
            pronouns?: string | null;
            status: components["schemas"]["AccountStatus"];
            time_zone: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int64
             * @description The record's version: send it back with a change, so a colleague's change in between is not
             *     overwritten (409).
             */
            version: number;
        };
        /** @description Pay some or all of what is owed. */
        PayRequest: {
            /**
             * Format: int64
             * @description Minor units: a whole number, more than zero, at most what is owed (unless the practice takes
             *     prepayments), at least the practice's minimum unless it is all that is owed.
             */
            amount: number;
            /** @description The invoice to pay first; without one, the oldest invoices are paid first. */
            invoice_id?: string | null;
        };
        /** @description How patients may pay this practice. */
        PayRules: {
            allow_prepayment: boolean;
            /** @description Whether the practice takes payments in the portal. */
            enabled: boolean;
            /** Format: int64 */
            minimum_payment: number;
        };
        /** @description What the browser confirms the payment with (Stripe.js and its Payment Element). */
        PayStarted: {
            /** @description The PaymentIntent's client secret, for `stripe.confirmPayment`; absent once the payment is final. */
            client_secret?: string | null;
            /** @description Where to load Stripe.js from. */
            js_url: string;
            payment: components["schemas"]["PaymentView"];
            publishable_key: string;
            /** @description The practice's connected account (Stripe.js's `stripeAccount` option). */
            stripe_account: string;
        };
        /**
         * @description Where a payment stands. It moves forward only: `succeeded` is final, and a later attempt on the same
         *     PaymentIntent may move `failed` on to `processing` or `succeeded`, never back.
         * @enum {string}
         */
        PaymentStatus: "requires_payment" | "failed" | "processing" | "succeeded" | "canceled";
        /** @description A payment and where it stands (`processing` until Stripe's event posts it). */
        PaymentView: {
            /** Format: int64 */
            amount: number;
            /** Format: date-time */
            created_at: string;
            currency: string;
            /** @description Stripe's decline code of the last failure, for a message (`card_declined`, `insufficient_funds`). */
            failure_code?: string | null;
            invoice_id?: string | null;
            payment_id: string;
            /**
             * Format: int64
             * @description Refunded or being refunded (a refund Stripe did not answer, `unsent`, is not counted).
             */
            refunded: number;
            status: components["schemas"]["PaymentStatus"];
            /** Format: date-time */
            succeeded_at?: string | null;
        };
        /** @description A pending invitation as the patient's list shows it. */
        PendingInvitation: {
            /** @description Where the link went, masked. */
            destination: string;
            /** Format: date-time */
            expires_at: string;
            family_name: string;
            given_name: string;
            grant_id: string;
            relationship: components["schemas"]["Relationship"];
            scopes: components["schemas"]["Scope"][];
        };
        /** @description A confirmation code was sent to a new address. */
        PendingVerification: {
            challenge_id: string;
            channel: components["schemas"]["Channel"];
            /** @description The new address, partly hidden. */
            destination: string;
            /** Format: int64 */
            expires_in: number;
            /**
             * Format: int64
             * @description Seconds until another code may be asked for.
             */
            resend_after: number;
        };
        /** @enum {string} */
        PlaceStatus: "waiting" | "booked" | "left";
        /** @description A place on a waitlist. */
        PlaceView: {
            clinicians: string[];
            /** Format: date-time */
            created_at: string;
            days: components["schemas"]["Weekday"][];
            entry_id: string;
            /** Format: date */
            from: string;
            parts_of_day: components["schemas"]["PartOfDay"][];
            priority: components["schemas"]["Priority"];
            replaces?: string | null;
            /** Format: date-time */
            replaces_start?: string | null;
            service_id: string;
            service_name: string;
            status: components["schemas"]["PlaceStatus"];
            /** Format: date */
            to: string;
            /** Format: int64 */
            version: number;
        };
        /** @description What a posting did: the entry's id and the summary after it. */
        Posted: {
            /** Format: int64 */
            balance: number;
            entry_id: string;
            invoice_id: string;
        };
        /** @description A practice as its sign reads: nothing about any patient. */
        PracticeInfo: {
            email?: string | null;
            logo_url?: string | null;
            name: string;
            phone?: string | null;
        };
        /** @description Everything an administrator may change, with the `version` they read (a stale one answers 409). */
        PracticeSettingsUpdate: {
            allowed_origins: string[];
            /** @description Hours before an appointment its reminders go out: at most 6, each 1 to 168. Absent: unchanged. */
            appointment_reminder_hours?: number[] | null;
            /**
             * @description Staff ids per message topic, each an active member; a topic without a team goes to every staff
             *     member whose role handles the topic.
             */
            care_teams: {
                [key: string]: string[];
            };
            contact_email?: string | null;
            contact_phone?: string | null;
            default_time_zone: string;
            /** Format: int32 */
            invite_ttl_hours: number;
            logo_url?: string | null;
            /** Format: int32 */
            message_retention_days: number;
            proxy_age_rules?: components["schemas"]["AgeRules"] | null;
            /** Format: int32 */
            sign_in_codes_per_hour: number;
            /**
             * @description ISO 3166 alpha-2 codes of the countries whose numbers the practice texts; empty means the
             *     practice's own `country` only.
             */
            sms_countries: string[];
            /** Format: int64 */
            version: number;
            /**
             * Format: int32
             * @description How many waitlisted patients each freed time is offered to at once: 1 to 10. Absent: unchanged.
             */
            waitlist_batch?: number | null;
        };
        /** @description The practice as its administrators see and edit it. `version` is what an edit must send back. */
        PracticeSettingsView: {
            allowed_origins: string[];
            /** @description Hours before an appointment its reminders go out. */
            appointment_reminder_hours: number[];
            /**
             * @description Staff ids per topic (`clinical`, `scheduling`, `billing`, `other`); a topic without a team goes
             *     to every staff member whose role handles the topic.
             */
            care_teams: {
                [key: string]: string[];
            };
            consent_documents: components["schemas"]["ConsentDocument"][];
            contact_email?: string | null;
            contact_phone?: string | null;
            country: string;
            /** @description The operator's: the practice's own portal hosts and texting numbers. */
            custom_domains: string[];
            default_time_zone: string;
            /** Format: int32 */
            invite_ttl_hours: number;
            logo_url?: string | null;
            /** Format: int32 */
            message_retention_days: number;
            name: string;
            practice_id: string;
            /** @description How a parent's or guardian's access to a child's account changes with the child's age. */
            proxy_age_rules: components["schemas"]["AgeRules"];
            /** Format: int32 */
            sign_in_codes_per_hour: number;
            slug: string;
            /**
             * @description ISO 3166 alpha-2 codes of the countries whose numbers the practice texts; empty means the
             *     practice's own `country` only.
             */
            sms_countries: string[];
            sms_numbers: string[];
            /** Format: int64 */
            version: number;
            /**
             * Format: int32
             * @description How many waitlisted patients each freed time is offered to at once.
             */
            waitlist_batch: number;
        };
        PreferencesUpdate: {
            email: components["schemas"]["CategorySet"];
            quiet_hours?: components["schemas"]["QuietHours"] | null;
            sms: components["schemas"]["CategorySet"];
            time_zone: string;
        };
        PreferencesView: {
            email: components["schemas"]["CategorySet"];
            quiet_hours?: components["schemas"]["QuietHours"] | null;
            sms: components["schemas"]["CategorySet"];
            /** @description Quiet hours are in this zone. */
            time_zone: string;
        };
        /** @description A browser form upload: POST `fields` then the file (as `file`, last) to `url` as multipart/form-data. */
        PresignedPost: {
            fields: {
                [key: string]: string;
            };
            url: string;
        };
        /** @enum {string} */
        Priority: "high" | "normal";
        /** @description A place's new priority. */
        PriorityChange: {
            patient_id: string;
            priority: components["schemas"]["Priority"];
            /**
             * Format: int64
             * @description The place's `version` as read (a stale one answers 409).
             */
            version: number;
        };
        /** @description RFC 9457 `application/problem+json`. */
        Problem: {
            /** Format: date-time */
            closes_at?: string | null;
            detail: string;
            errors?: components["schemas"]["FieldError"][];
            instance: string;
            /**
             * Format: date-time
             * @description For `not-open`: when it opens, and when it closes.
             */
            opens_at?: string | null;
            request_id: string;
            /** Format: int32 */
            status: number;
            title: string;
            type: string;
        };
        /**
         * @description Changes to the profile; absent fields stay as they are, `null` clears an optional one. A new email
         *     or phone is used only after the code sent to it is confirmed.
         */
        ProfilePatch: {
            /** @description Not changeable here; present so the refusal can say why. */
            date_of_birth?: string | null;
            email?: string | null;
            family_name?: string | null;
            given_name?: string | null;
            language?: string | null;
            phone?: string | null;
            preferred_name?: string | null;
            pronouns?: string | null;
            time_zone?: string | null;
        };
        ProfileUpdated: {
            profile: components["schemas"]["ProfileView"];
            verification?: components["schemas"]["PendingVerification"] | null;
        };
        /** @description The patient's profile. */
        ProfileView: {
            /**
             * Format: date
             * @description Read-only: the practice corrects it.
             */
            date_of_birth: string;
            email?: string | null;
            family_name: string;
            given_name: string;
            /** @description BCP 47. */
            language: string;
            patient_id: string;
            phone?: string | null;
            preferred_name?: string | null;
            pronouns?: string | null;
            /** @description IANA. */
            time_zone: string;
        };
        /** @description Accepting an invitation to act for someone. */
        ProxyAcceptRequest: {
            /** @description The 6-digit code the person who invited you has. */
            code: string;
            /**
             * Format: date
             * @description Their date of birth (YYYY-MM-DD).
             */
            patient_date_of_birth: string;
            /** @description The token from the invitation link's fragment. */
            token: string;
            /**
             * Format: date
             * @description Yours, when you have no account at the practice yet (the answer says so with a 400 naming this field).
             */
            your_date_of_birth?: string | null;
        };
        ProxyAccepted: {
            /** @description Sign in with this address (masked) to act for them. */
            channel: components["schemas"]["Channel"];
            destination: string;
            /** @description Whether an account was made for you now. */
            new_account: boolean;
            /** @description Whom you can now act for. */
            patient_given_name: string;
        };
        ProxyInvitationSent: {
            channel: components["schemas"]["Channel"];
            /**
             * @description Tell this code to the person you invited: they need it, with your date of birth, to accept.
             *     It is shown only now.
             */
            code: string;
            /** @description Where the link went, masked. */
            destination: string;
            /** Format: date-time */
            expires_at: string;
            /** @description The grant's id once accepted. */
            grant_id: string;
        };
        /**
         * @description An invitation to act for you. Give exactly one of `email` and `phone`: the invitation link goes
         *     there; the code it needs is shown to you once, to pass on yourself.
         */
        ProxyInviteRequest: {
            email?: string | null;
            /**
             * Format: date
             * @description The last day their access works (YYYY-MM-DD, the practice's time zone); none for no end.
             */
            expires_on?: string | null;
            family_name: string;
            given_name: string;
            phone?: string | null;
            /** @description Not `parent` or `legal_guardian`: a child's access is set up by the practice. */
            relationship: components["schemas"]["Relationship"];
            /** @description What they may do for you; a guarantor's is `billing` only. */
            scopes: components["schemas"]["Scope"][];
        };
        /** @description Who can act for the signed-in person, and whom they act for. */
        ProxyList: {
            /** @description People who can act for you: each with what they may do and when they last did. */
            acting_for_you: components["schemas"]["GrantView"][];
            /** @description Invitations you sent that are not accepted yet (cancel one with `DELETE /portal/proxies/{grant_id}`). */
            pending_invitations: components["schemas"]["PendingInvitation"][];
            /** @description People you can act for (switch to them in the portal); ended grants are not listed. */
            you_act_for: components["schemas"]["GrantView"][];
        };
        QuietHours: {
            /** @example 08:00 */
            end: string;
            /** @example 21:00 */
            start: string;
        };
        /** @description What the webhook answers Stripe. */
        Received: {
            received: boolean;
        };
        RedeemLinkRequest: {
            /** @description The token from the invitation link's fragment. */
            token: string;
        };
        /** @description Refund part or all of a payment. */
        RefundBody: {
            /**
             * @description Lower the invoices by the same amount when the refund posts (the charge was too high), so the
             *     patient does not owe it again.
             */
            adjust?: boolean;
            /** Format: int64 */
            amount: number;
            payment_id: string;
            reason: components["schemas"]["RefundReason"];
        };
        /** @enum {string} */
        RefundReason: "duplicate" | "overpayment" | "charge_reduced" | "requested_by_patient";
        /** @enum {string} */
        RefundStatus: "requested" | "unsent" | "pending" | "succeeded" | "failed";
        /** @description A refund the practice asked for. */
        RefundView: {
            adjust: boolean;
            /** Format: int64 */
            amount: number;
            /** Format: date-time */
            created_at: string;
            payment_id: string;
            reason: components["schemas"]["RefundReason"];
            refund_id: string;
            status: components["schemas"]["RefundStatus"];
        };
        /**
         * @description How the proxy is related to the patient.
         * @enum {string}
         */
        Relationship: "parent" | "legal_guardian" | "caregiver" | "family" | "guarantor" | "legal_representative";
        /** @description How the waitlist did over a period. */
        Report: {
            /**
             * Format: double
             * @description Claims per offer sent (0 to 1).
             */
            accept_rate: number;
            /** Format: double */
            average_days_gained: number;
            /**
             * Format: double
             * @description How much sooner patients who moved an appointment were seen, in days, in total and on average.
             */
            days_gained: number;
            /**
             * Format: double
             * @description Claimed openings per opening (0 to 1).
             */
            fill_rate: number;
            /**
             * Format: int32
             * @description Openings claimed from the waitlist.
             */
            filled: number;
            /**
             * Format: int32
             * @description Offers sent.
             */
            offers: number;
            /**
             * Format: int32
             * @description Freed times offered to the waitlist.
             */
            openings: number;
        };
        RescheduleRequest: {
            /** @description Another clinician who sees the service; absent keeps the same one. */
            clinician_id?: string | null;
            /** Format: date-time */
            start: string;
        };
        /**
         * @description Staff roles: the staff pool's groups.
         * @enum {string}
         */
        Role: "admin" | "clinician" | "front-desk" | "billing";
        /** @enum {string} */
        RunOutcome: "charged" | "nothing_due" | "over_cap" | "declined" | "gave_up" | "needs_patient";
        /** @description A clinician's weekly schedule. */
        Schedule: {
            blocks: components["schemas"]["Block"][];
            clinician_id: string;
            /**
             * Format: int64
             * @description Slots start every this many minutes from local midnight.
             */
            grid_minutes: number;
            /** @description IANA zone the windows are in. */
            time_zone: string;
            /** Format: int64 */
            version?: number;
            windows: components["schemas"]["Window"][];
        };
        /** @description A clinician's schedule as staff write it. */
        ScheduleInput: {
            blocks: components["schemas"]["Block"][];
            /** Format: int64 */
            grid_minutes: number;
            time_zone: string;
            /**
             * Format: int64
             * @description The version read (absent for a first schedule; a stale one answers 409).
             */
            version?: number | null;
            windows: components["schemas"]["Window"][];
        };
        ScheduleView: {
            /** @description Soonest first. */
            appointments: components["schemas"]["StaffAppointmentView"][];
        };
        /**
         * @description What a person acting for a patient may do in the portal (issue 11's proxy grants). Every patient
         *     route names the scope it needs with `Exchange::patient_in`; the patient acting for themself has
         *     every scope.
         * @enum {string}
         */
        Scope: "messages" | "appointments" | "forms" | "documents" | "billing" | "profile";
        /** @description A kind of visit. */
        Service: {
            active: boolean;
            booking: components["schemas"]["Booking"];
            /** Format: int64 */
            buffer_after_minutes: number;
            /** Format: int64 */
            buffer_before_minutes: number;
            /**
             * Format: int64
             * @description Cancelling later than this before the start is late.
             */
            cancel_notice_hours: number;
            /** @description The clinicians who see it. */
            clinicians: string[];
            /**
             * @description Private to a teen: a parent with limited access to the teen's account neither sees nor books it
             *     (the practice's confidential care: sexual health, mental health, substance use).
             */
            confidential?: boolean;
            /** Format: int64 */
            duration_minutes: number;
            /**
             * Format: int64
             * @description The furthest ahead a patient may book.
             */
            horizon_days: number;
            late_cancel: components["schemas"]["LateCancel"];
            /**
             * Format: int64
             * @description The earliest a patient may book ahead.
             */
            min_notice_minutes: number;
            mode: components["schemas"]["VisitMode"];
            name: string;
            /**
             * Format: int64
             * @description Rescheduling later than this before the start is refused online.
             */
            reschedule_notice_hours: number;
            service_id: string;
            /** Format: int64 */
            version?: number;
            waitlist: boolean;
        };
        /** @description A service as staff write it. */
        ServiceInput: {
            active: boolean;
            booking: components["schemas"]["Booking"];
            /** Format: int64 */
            buffer_after_minutes: number;
            /** Format: int64 */
            buffer_before_minutes: number;
            /** Format: int64 */
            cancel_notice_hours: number;
            clinicians: string[];
            /** @description Hidden from a parent with limited access to a teen's account. */
            confidential?: boolean;
            /** Format: int64 */
            duration_minutes: number;
            /** Format: int64 */
            horizon_days: number;
            late_cancel: components["schemas"]["LateCancel"];
            /** Format: int64 */
            min_notice_minutes: number;
            mode: components["schemas"]["VisitMode"];
            name: string;
            /** Format: int64 */
            reschedule_notice_hours: number;
            /**
             * Format: int64
             * @description The version read, when changing a service (a stale one answers 409).
             */
            version?: number | null;
            waitlist: boolean;
        };
        ServiceList: {
            services: components["schemas"]["Service"][];
        };
        /**
         * @description A signed-in session. The access token is kept in memory by the portal; the refresh token is in the
         *     `__Host-portico_refresh` cookie.
         */
        SessionResponse: {
            access_token: string;
            /** Format: int64 */
            expires_in: number;
            /**
             * Format: int64
             * @description The session ends after this many seconds without the person's activity.
             */
            idle_timeout_seconds: number;
            /** @description The patient's language (BCP 47), so the portal speaks it before any other read. */
            language: string;
            patient_id: string;
            token_type: string;
        };
        SessionsEnded: {
            /** @description How many other sessions were signed out. */
            ended: number;
        };
        SettingsChangeView: {
            /** Format: date-time */
            at: string;
            changed_by: string;
            /** @description The settings that changed (`consent_documents` for a publication). */
            fields: string[];
            /** Format: int64 */
            version: number;
        };
        SettingsHistory: {
            changes: components["schemas"]["SettingsChangeView"][];
            next_cursor?: string | null;
        };
        /** @description One time a patient may book. */
        Slot: {
            clinician_id: string;
            clinician_name: string;
            /** @description Where the clinician is: the visit's own zone. */
            clinician_time_zone: string;
            /** Format: date-time */
            end: string;
            /** @description The start in the patient's zone (RFC 3339 with its offset), for the label. */
            local_start: string;
            /** Format: date-time */
            start: string;
        };
        /** @description An appointment on the staff's schedule views. */
        StaffAppointmentView: components["schemas"]["AppointmentView"] & {
            patient?: components["schemas"]["PatientNames"] | null;
            patient_id: string;
        };
        StaffBookRequest: {
            clinician_id: string;
            patient_id: string;
            service_id: string;
            /** Format: date-time */
            start: string;
        };
        /** @description A text-message consent the patient gave staff (or withdrew), and how. */
        StaffConsentRequest: {
            decision: components["schemas"]["StaffDecision"];
            method: components["schemas"]["ConsentMethod"];
        };
        /**
         * @description What staff may record for a patient: an agreement or its withdrawal (a patient's "no thanks" to an
         *     optional document is theirs to give in the portal).
         * @enum {string}
         */
        StaffDecision: "accept" | "revoke";
        /**
         * @description A staff member to invite: the staff pool emails them a temporary password; they set their own and
         *     enrol MFA at first sign-in.
         */
        StaffInviteRequest: {
            display_name: string;
            email: string;
            roles: components["schemas"]["Role"][];
        };
        /** @description Whose video visit the clinician joins. */
        StaffJoinRequest: {
            patient_id: string;
        };
        /** @description A staff member as the console shows them. */
        StaffMemberView: {
            /** Format: date-time */
            created_at: string;
            display_name: string;
            email: string;
            /**
             * Format: date-time
             * @description Absent until their first sign-in (an invited member who has not signed in yet).
             */
            last_sign_in_at?: string | null;
            roles: components["schemas"]["Role"][];
            staff_id: string;
            status: components["schemas"]["AccountStatus"];
        };
        StaffMessageRequest: {
            /** @description Checked uploads of the staff side for this patient. */
            attachment_ids?: string[];
            body?: string;
            /** @description A note for colleagues: the patient never sees it and is not notified. */
            internal?: boolean;
            urgent?: boolean;
        };
        StaffMessageView: {
            attachments: components["schemas"]["Attached"][];
            /** @description `patient`, or the staff member's id. */
            author: string;
            body: string;
            content_hash: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            deleted_at?: string | null;
            deleted_by?: string | null;
            grant_id?: string | null;
            internal: boolean;
            message_id: string;
            /** Format: date-time */
            read_at?: string | null;
            urgent: boolean;
            via: components["schemas"]["Via"];
            /** @description The name of the person who wrote it while acting for the patient, and their grant. */
            written_by?: string | null;
        };
        StaffNewThreadRequest: {
            /** @description Checked uploads of the staff side for this patient (`POST /staff/patients/{id}/attachments`). */
            attachment_ids?: string[];
            body?: string;
            subject: string;
            topic: components["schemas"]["Topic"];
            /** @description Urgent messages skip quiet hours and the daily text limit. */
            urgent?: boolean;
        };
        /** @description A waiting place as staff see it. */
        StaffPlaceView: components["schemas"]["PlaceView"] & {
            patient?: components["schemas"]["PatientNames"] | null;
            patient_id: string;
        };
        StaffRolesRequest: {
            roles: components["schemas"]["Role"][];
        };
        /** @description The signed-in staff member, with the terms of their session. */
        StaffSelfView: components["schemas"]["StaffMemberView"] & {
            /**
             * Format: int64
             * @description The console signs out after this long without the person's own activity.
             */
            idle_timeout_seconds: number;
        };
        /** @description A thread as staff see it. */
        StaffThreadSummary: {
            assignee?: string | null;
            /** Format: date-time */
            last_activity_at: string;
            last_message?: components["schemas"]["LastMessageView"] | null;
            /** Format: int64 */
            message_count: number;
            patient?: components["schemas"]["PatientNames"] | null;
            patient_id: string;
            status: components["schemas"]["ThreadStatus"];
            subject: string;
            thread_id: string;
            topic: components["schemas"]["Topic"];
            /** Format: int64 */
            unread: number;
        };
        StaffThreadView: {
            messages: components["schemas"]["StaffMessageView"][];
            older_cursor?: string | null;
            thread: components["schemas"]["StaffThreadSummary"];
        };
        /** @description The practice's waiting lines and how the waitlist did over the period asked. */
        StaffWaitlist: {
            /** Format: date-time */
            from: string;
            /** @description In offer order within each service: priority, then first come. */
            places: components["schemas"]["StaffPlaceView"][];
            report: components["schemas"]["Report"];
            /** Format: date-time */
            to: string;
        };
        /**
         * @description What a grant allows today.
         * @enum {string}
         */
        Standing: "full" | "limited" | "ended";
        /** @description Ask for a sign-in code. */
        StartCodeRequest: {
            /**
             * @description The email address or mobile number the practice has on file.
             * @example ann@example.com
             */
            address: string;
            channel: components["schemas"]["Channel"];
        };
        /** @enum {string} */
        State: "pending" | "ready" | "rejected";
        /** @description One month's statement. */
        StatementView: {
            /** Format: int64 */
            closing_balance: number;
            currency: string;
            /** @description The month's entries, oldest first. */
            entries: components["schemas"]["EntryView"][];
            /** @description `YYYY-MM`. */
            month: string;
            /** Format: int64 */
            opening_balance: number;
            patient_name: string;
            /** Format: date-time */
            period_end: string;
            /** Format: date-time */
            period_start: string;
            practice_name: string;
            /** @description The practice's zone, in which the month begins and ends. */
            time_zone: string;
        };
        /**
         * @description Where an appointment is in its life.
         * @enum {string}
         */
        Status: "requested" | "booked" | "arrived" | "fulfilled" | "no_show" | "cancelled";
        /**
         * @description A staff move on an appointment: `booked` confirms a request; `arrived`, `fulfilled`, `no_show`;
         *     `cancelled` (staff are exempt from the late rules).
         */
        StatusRequest: {
            patient_id: string;
            reason?: string | null;
            status: components["schemas"]["Status"];
        };
        SuppressionCleared: {
            /** @description False when the address was not suppressed (nothing changed). */
            cleared: boolean;
        };
        /** @enum {string} */
        TaskKind: "respond_to_message" | "new_appointment" | "payment_dispute";
        TaskList: {
            next_cursor?: string | null;
            /** @description Soonest due first. */
            tasks: components["schemas"]["TaskView"][];
        };
        /** @enum {string} */
        TaskStatus: "open" | "claimed" | "done";
        /** @description A staff work item. */
        TaskView: {
            assignee?: string | null;
            /** Format: date-time */
            completed_at?: string | null;
            completed_by?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            due_at: string;
            kind: components["schemas"]["TaskKind"];
            patient?: components["schemas"]["PatientNames"] | null;
            patient_id?: string | null;
            status: components["schemas"]["TaskStatus"];
            /** @description What the task is about in its kind's terms: the thread to answer, for `respond_to_message`. */
            subject?: string | null;
            task_id: string;
            team?: components["schemas"]["Topic"] | null;
        };
        /** @description One page of the practice's staff. */
        TeamList: {
            next_cursor?: string | null;
            staff: components["schemas"]["StaffMemberView"][];
        };
        /**
         * @description The messages a practice may word its own way.
         * @enum {string}
         */
        TemplateKind: "message_waiting" | "opt_out_confirmation" | "opt_in_confirmation" | "help_reply" | "appointment_reminder" | "appointment_update" | "appointment_booked" | "appointment_confirmed" | "confirm_in_portal" | "waitlist_offer" | "payment_received" | "payment_action_needed";
        TemplateUpdate: {
            email_body?: string | null;
            email_subject?: string | null;
            sms: string;
        };
        TemplateView: {
            /** @description False while the practice uses Portico's default wording. */
            customised: boolean;
            email_body?: string | null;
            email_subject?: string | null;
            kind: components["schemas"]["TemplateKind"];
            /** @description The language this wording is for; patients get the one their preference names. */
            language: components["schemas"]["Lang"];
            /** @description The placeholders a template may use: nothing about a patient. */
            placeholders: string[];
            sms: string;
        };
        ThreadList: {
            threads: components["schemas"]["ThreadSummary"][];
            /** Format: int64 */
            unread_total: number;
        };
        /** @enum {string} */
        ThreadStatus: "open" | "closed";
        ThreadSummary: {
            /** Format: date-time */
            last_activity_at: string;
            last_message?: components["schemas"]["LastMessageView"] | null;
            /** Format: int64 */
            message_count: number;
            /** @description The patient started it, so they may close it (`POST /portal/threads/{id}/close`). */
            opened_by_you: boolean;
            status: components["schemas"]["ThreadStatus"];
            subject: string;
            thread_id: string;
            topic: components["schemas"]["Topic"];
            /** Format: int64 */
            unread: number;
        };
        ThreadUpdateRequest: {
            /** @description A staff id, or `null` to unassign. */
            assignee?: string | null;
            /** @description Marks the patient's messages read. */
            read?: boolean;
            status?: components["schemas"]["ThreadStatus"] | null;
        };
        ThreadView: {
            /** @description Oldest first. */
            messages: components["schemas"]["MessageView"][];
            /** @description Pass as `before` to read older messages. */
            older_cursor?: string | null;
            thread: components["schemas"]["ThreadSummary"];
        };
        Timeline: {
            /** @description Newest first. */
            entries: components["schemas"]["TimelineEntry"][];
            /** @description Present while older entries follow. */
            next_cursor?: string | null;
        };
        /** @description One entry, as stored and as shown. */
        TimelineEntry: {
            /** @description Where an appointment entry leads, and when the appointment is (after the change). */
            appointment_id?: string | null;
            /** Format: date-time */
            at: string;
            /** @description `patient` or `staff`: who made a consent decision (or changed an appointment). */
            by?: string | null;
            /**
             * @description An appointment of a confidential service (sexual health, mental health, substance use): never
             *     part of anything that leaves Portico, such as a dispute's evidence.
             */
            confidential?: boolean;
            consent_kind?: components["schemas"]["ConsentKind"] | null;
            decision?: components["schemas"]["Decision"] | null;
            kind: components["schemas"]["TimelineKind"];
            /** Format: date-time */
            starts_at?: string | null;
            /** @description Where a message entry leads. */
            thread_id?: string | null;
            /** @description The thread's subject, for messages. */
            title?: string | null;
        };
        /**
         * @description What an entry records.
         * @enum {string}
         */
        TimelineKind: "message_from_care_team" | "message_to_care_team" | "consent" | "signed_in" | "appointment_booked" | "appointment_moved" | "appointment_cancelled" | "appointment_arrived" | "appointment_completed";
        /** @enum {string} */
        Topic: "clinical" | "scheduling" | "billing" | "other";
        UploadRequest: {
            /** @description `application/pdf`, `image/jpeg`, `image/png` or `image/heic`. */
            content_type: string;
            file_name: string;
            /**
             * Format: int64
             * @description Bytes; at most 10 MB.
             */
            size: number;
        };
        UploadStarted: {
            attachment: components["schemas"]["AttachmentView"];
            /** Format: date-time */
            expires_at: string;
            /** @description POST these fields and then the file (as `file`) to `url`, as multipart/form-data. */
            upload: components["schemas"]["PresignedPost"];
        };
        VerifyCodeRequest: {
            challenge_id: string;
            /** @example 123456 */
            code: string;
        };
        VerifyContactRequest: {
            challenge_id: string;
            code: string;
        };
        /** @enum {string} */
        Via: "portal" | "sms";
        /** @enum {string} */
        VisitMode: "in_person" | "telehealth";
        /** @description One appointment the patient came to: times only (never what it was, or with whom). */
        VisitView: {
            /**
             * Format: date-time
             * @description When the practice checked the patient in.
             */
            arrived_at?: string | null;
            /**
             * Format: date-time
             * @description When the practice marked it completed.
             */
            completed_at?: string | null;
            /** Format: date-time */
            starts_at: string;
        };
        /** @description Your places and your offers (those still ahead). */
        WaitlistView: {
            offers: components["schemas"]["OfferView"][];
            places: components["schemas"]["PlaceView"][];
        };
        /**
         * @description A day of the week, as the API names it.
         * @enum {string}
         */
        Weekday: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
        /** @description One weekly window of a clinician's schedule, in their zone. */
        Window: {
            /** @description `mon` … `sun`. */
            day: components["schemas"]["Weekday"];
            /** @description Local `HH:MM`, after `start`. */
            end: string;
            /** @description Local `HH:MM`. */
            start: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
