package eu.pledge.access;

import static eu.pledge.shared.Route.Rule.ADMIN;
import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Permission;
import eu.pledge.shared.Route;
import eu.pledge.shared.Route.Rule;
import eu.pledge.shared.Routes;

/**
 * A person's own access and invitations need only a session (the token says which organisation; the invitation
 * page opens signed out too, naming the organisation and keeping the link through sign-in or registration); an
 * organisation is for its members, its membership for its owners and admins (decided by {@link Access} on the
 * {@code id} in the path); organisations and contracts for the vendor's staff.
 */
@Component
class AccessRoutes implements Routes {

	private static final Rule VIEW_ORGANIZATION = Rule.onOrganization(Permission.VIEW_ORGANIZATION, "id");
	private static final Rule MANAGE_MEMBERS = Rule.onOrganization(Permission.MANAGE_MEMBERS, "id");

	@Override
	public List<Route> routes() {
		return List.of(
				new Route(GET, "/account/access", SIGNED_IN), new Route(GET, "/api/v1/me/access", SIGNED_IN),
				new Route(GET, "/invitations/accept", Rule.PUBLIC), new Route(POST, "/invitations/accept", SIGNED_IN),
				new Route(POST, "/api/v1/invitations/acceptance", SIGNED_IN),
				new Route(GET, "/organizations/{id}", VIEW_ORGANIZATION),
				new Route(GET, "/api/v1/organizations/{id}/members", VIEW_ORGANIZATION),
				new Route(POST, "/organizations/{id}/invitations", MANAGE_MEMBERS),
				new Route(POST, "/api/v1/organizations/{id}/invitations", MANAGE_MEMBERS),
				new Route(POST, "/organizations/{id}/members/{accountId}/removal", MANAGE_MEMBERS),
				new Route(POST, "/organizations/{id}/invitations/{invitationId}/revocation", MANAGE_MEMBERS),
				new Route(POST, "/organizations/{id}/invitations/{invitationId}/resend", MANAGE_MEMBERS),
				new Route(POST, "/api/v1/organizations/{id}/invitations/{invitationId}/resend", MANAGE_MEMBERS),
				new Route(GET, "/api/v1/organizations/{id}/invitations", MANAGE_MEMBERS),
				new Route(DELETE, "/api/v1/organizations/{id}/invitations/{invitationId}", MANAGE_MEMBERS),
				new Route(DELETE, "/api/v1/organizations/{id}/members/{accountId}", MANAGE_MEMBERS),
				// the vendor's staff
				new Route(GET, "/admin/organizations", ADMIN), new Route(POST, "/admin/organizations", ADMIN),
				new Route(GET, "/admin/organizations/{id}", ADMIN), new Route(POST, "/admin/organizations/{id}", ADMIN),
				new Route(POST, "/admin/organizations/{id}/contracts", ADMIN),
				new Route(POST, "/admin/contracts/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/organizations", ADMIN), new Route(POST, "/api/v1/admin/organizations", ADMIN),
				new Route(GET, "/api/v1/admin/organizations/{id}", ADMIN),
				new Route(PATCH, "/api/v1/admin/organizations/{id}", ADMIN),
				new Route(POST, "/api/v1/admin/organizations/{id}/contracts", ADMIN),
				new Route(PATCH, "/api/v1/admin/contracts/{id}", ADMIN),
				new Route(GET, "/api/v1/admin/systems", ADMIN));
	}
}
