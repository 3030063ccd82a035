package azure

// Permissions is the text `reachmap azure-permissions` prints and the
// Accounts screen shows: every permission a scan uses, all read-only.
func Permissions() string {
	return `Reachmap reads Azure and Microsoft 365 and never writes (it sends only GET
and HEAD requests; a guard in the program refuses anything else).

Azure Resource Manager (reachmap scan --azure)
  RBAC role: Reader, on each subscription (or its management group).
  Reader is enough. Reachmap never calls listKeys or any POST list call.

Microsoft Graph (reachmap scan --microsoft-365)
  Application permissions (a service principal, admin consent):
    Organization.Read.All   GET /organization (country, creation date, domains)
    User.Read.All           GET /users?$select=userPrincipalName,preferredDataLocation
    Sites.Read.All          GET /sites?$filter=siteCollection/root ne null (dataLocationCode)
  Delegated permissions (a browser sign-in, admin consent):
    User.Read               GET /organization
    User.Read.All           GET /users
    Sites.Read.All          GET /sites
  For a browser sign-in to Azure as well, the delegated permission
  Azure Service Management / user_impersonation.
  No Graph permission reads the Entra tenant_region_scope: it comes from
  the tenant's public OpenID configuration.
`
}
