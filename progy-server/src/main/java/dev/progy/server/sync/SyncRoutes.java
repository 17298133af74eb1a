package dev.progy.server.sync;

import dev.progy.server.account.Accounts;
import dev.progy.server.http.Access;
import dev.progy.server.http.ApiException;
import dev.progy.server.http.Limits;
import dev.progy.server.http.Reply;
import dev.progy.server.http.Route;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.SyncHub;
import dev.progy.sync.hub.SyncRejectedException;

import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Progress sync: {@code POST /api/v1/sync} with a token of scope {@code sync}; the body is a
 * {@link dev.progy.sync.wire.SyncRequest}, the answer a {@link dev.progy.sync.wire.SyncResponse}. Refusals: 400
 * {@code bad_request}, 409 {@code key_reused}, 413 {@code too_many_records} or {@code too_large}.
 */
public final class SyncRoutes {

    public static final String SYNC = "/api/v1/sync";

    /** Nesting of a sync request: request, push list, record, attempts or latest; with room to spare. */
    private static final int DEPTH = 8;
    /** The longest text of a request: ids are bounded lower by the hub, field by field. */
    private static final int STRING = 1000;

    private SyncRoutes() { }

    public static List<Route> routes(SyncHub hub, long maxBody) {
        return List.of(Route.post(SYNC, Access.scope(Accounts.SYNC), new Limits(maxBody, DEPTH, STRING), x -> {
            byte[] body = x.body();
            try {
                byte[] answer = hub.sync(new HubAccount(x.caller().account(), x.caller().name()),
                        new ByteArrayInputStream(body));
                return Reply.json(200, answer);
            } catch (SyncRejectedException e) {
                throw new ApiException(e.status(), e.code(), e.getMessage());
            }
        }));
    }
}
