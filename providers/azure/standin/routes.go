package standin

import (
	"net/http"
	"strings"
)

// The documented JSON of each list the stand-in serves.

type obj = map[string]any

func rid(sub, typ, name string) string {
	return "/subscriptions/" + sub + "/resourceGroups/rg-acme/providers/" + typ + "/" + name
}

func (s *Server) arm(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimSuffix(r.URL.Path, "/")
	if p == "/subscriptions" {
		writeJSON(w, obj{"value": []obj{
			{"id": "/subscriptions/" + SubProd, "subscriptionId": SubProd, "displayName": "Acme Production", "state": "Enabled", "tenantId": Tenant},
			{"id": "/subscriptions/" + SubDenied, "subscriptionId": SubDenied, "displayName": "Acme Finance", "state": "Enabled", "tenantId": Tenant},
			{"id": "/subscriptions/" + SubOff, "subscriptionId": SubOff, "displayName": "Acme Legacy", "state": "Disabled", "tenantId": Tenant},
		}})
		return
	}
	if strings.HasPrefix(p, "/subscriptions/"+SubDenied+"/") {
		armError(w, http.StatusForbidden, "AuthorizationFailed", "The client does not have authorization to perform action over scope '/subscriptions/"+SubDenied+"'.")
		return
	}
	if !strings.HasPrefix(p, "/subscriptions/"+SubProd+"/") {
		armError(w, http.StatusNotFound, "SubscriptionNotFound", "The subscription could not be found.")
		return
	}
	sub := SubProd
	prov := "/subscriptions/" + sub + "/providers/"
	switch {
	case p == prov+"Microsoft.Storage/storageAccounts":
		if r.URL.Query().Get("$skiptoken") == "" {
			writeJSON(w, obj{"value": []obj{
				storage(sub, "acmedata", "westeurope", "Standard_RAGRS", "northeurope"),
				storage(sub, "acmelogs", "francecentral", "Standard_GRS", ""),
			}, "nextLink": s.URL + p + "?api-version=2023-05-01&$skiptoken=page2"})
			return
		}
		writeJSON(w, obj{"value": []obj{
			storage(sub, "acmelocal", "germanywestcentral", "Standard_LRS", ""),
			storage(sub, "acmetrustee", "germanycentral", "Standard_LRS", ""),
		}})
	case p == prov+"Microsoft.Compute/disks":
		if s.throttleOnce(w, "disks") {
			return
		}
		writeJSON(w, obj{"value": []obj{{"id": rid(sub, "Microsoft.Compute/disks", "vm-os"), "name": "vm-os", "location": "westeurope",
			"sku": obj{"name": "Premium_LRS"}, "properties": obj{"diskSizeGB": 64}}}})
	case p == prov+"Microsoft.Compute/snapshots":
		writeJSON(w, obj{"value": []obj{{"id": rid(sub, "Microsoft.Compute/snapshots", "vm-os-snap"), "name": "vm-os-snap", "location": "northeurope"}}})
	case p == prov+"Microsoft.Sql/servers":
		writeJSON(w, obj{"value": []obj{{"id": rid(sub, "Microsoft.Sql/servers", "acme-sql"), "name": "acme-sql", "location": "westeurope", "kind": "v12.0"}}})
	case p == rid(sub, "Microsoft.Sql/servers", "acme-sql")+"/databases":
		writeJSON(w, obj{"value": []obj{
			{"id": rid(sub, "Microsoft.Sql/servers", "acme-sql") + "/databases/master", "name": "master", "location": "westeurope"},
			{"id": rid(sub, "Microsoft.Sql/servers", "acme-sql") + "/databases/orders", "name": "orders", "location": "westeurope"},
		}})
	case p == rid(sub, "Microsoft.Sql/servers", "acme-sql")+"/databases/orders/replicationLinks":
		writeJSON(w, obj{"value": []obj{{"name": "link1", "properties": obj{"partnerServer": "acme-sql-dr", "partnerDatabase": "orders",
			"partnerLocation": "North Europe", "role": "Primary", "partnerRole": "Secondary", "replicationMode": "ASYNC"}}}})
	case p == rid(sub, "Microsoft.Sql/servers", "acme-sql")+"/failoverGroups":
		writeJSON(w, obj{"value": []obj{{"name": "acme-fg", "properties": obj{
			"partnerServers": []obj{{"id": rid(sub, "Microsoft.Sql/servers", "acme-sql-uk"), "location": "UK South", "replicationRole": "Secondary"}},
			"databases":      []string{rid(sub, "Microsoft.Sql/servers", "acme-sql") + "/databases/orders"}}}}})
	case p == prov+"Microsoft.DocumentDB/databaseAccounts":
		writeJSON(w, obj{"value": []obj{{"id": rid(sub, "Microsoft.DocumentDB/databaseAccounts", "acme-cosmos"), "name": "acme-cosmos",
			"location": "West Europe", "kind": "GlobalDocumentDB", "properties": obj{"locations": []obj{
				{"locationName": "West Europe", "failoverPriority": 0}, {"locationName": "East US", "failoverPriority": 1}}}}}})
	case p == prov+"Microsoft.DBforPostgreSQL/flexibleServers":
		src := rid(sub, "Microsoft.DBforPostgreSQL/flexibleServers", "acme-pg")
		writeJSON(w, obj{"value": []obj{
			{"id": src, "name": "acme-pg", "location": "francecentral", "properties": obj{"replicationRole": "Primary"}},
			{"id": rid(sub, "Microsoft.DBforPostgreSQL/flexibleServers", "acme-pg-replica"), "name": "acme-pg-replica", "location": "swedencentral",
				"properties": obj{"replicationRole": "AsyncReplica", "sourceServerResourceId": src}},
		}})
	case p == prov+"Microsoft.DBforMySQL/flexibleServers":
		armError(w, http.StatusConflict, "MissingSubscriptionRegistration", "The subscription is not registered to use namespace 'Microsoft.DBforMySQL'.")
	case p == prov+"Microsoft.RecoveryServices/vaults":
		writeJSON(w, obj{"value": []obj{{"id": rid(sub, "Microsoft.RecoveryServices/vaults", "acme-rsv"), "name": "acme-rsv", "location": "westeurope",
			"properties": obj{"redundancySettings": obj{"standardTierStorageRedundancy": "GeoRedundant", "crossRegionRestore": "Enabled"}}}}})
	case p == prov+"Microsoft.DataProtection/backupVaults":
		writeJSON(w, obj{"value": []obj{{"id": rid(sub, "Microsoft.DataProtection/backupVaults", "acme-bv"), "name": "acme-bv", "location": "francecentral",
			"properties": obj{"storageSettings": []obj{{"datastoreType": "VaultStore", "type": "GeoRedundant"}}}}}})
	default:
		writeJSON(w, obj{"value": []obj{}})
	}
}

func storage(sub, name, loc, sku, secondary string) obj {
	props := obj{"primaryLocation": loc, "statusOfPrimary": "available"}
	if secondary != "" {
		props["secondaryLocation"] = secondary
		props["statusOfSecondary"] = "available"
	}
	return obj{"id": rid(sub, "Microsoft.Storage/storageAccounts", name), "name": name, "location": loc, "kind": "StorageV2",
		"type": "Microsoft.Storage/storageAccounts", "sku": obj{"name": sku, "tier": "Standard"}, "properties": props}
}

func (s *Server) graph(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/v1.0/organization":
		writeJSON(w, obj{"@odata.context": s.URL + "/v1.0/$metadata#organization", "value": []obj{{
			"id": Tenant, "displayName": "Acme SAS", "countryLetterCode": "FR", "country": "France",
			"createdDateTime": "2021-03-04T10:00:00Z", "isMultipleDataLocationsForServicesEnabled": true,
			"verifiedDomains": []obj{{"name": "acme.onmicrosoft.com", "isInitial": true, "isDefault": false}, {"name": "acme.example", "isInitial": false, "isDefault": true}},
		}}})
	case "/v1.0/sites":
		writeJSON(w, obj{"value": []obj{
			{"webUrl": "https://acme.sharepoint.com/", "siteCollection": obj{"hostname": "acme.sharepoint.com", "dataLocationCode": "FRA", "root": obj{}}},
			{"webUrl": "https://acmeeur.sharepoint.com/", "siteCollection": obj{"hostname": "acmeeur.sharepoint.com", "dataLocationCode": "EUR", "root": obj{}}},
		}})
	case "/v1.0/users":
		if s.DenyUsers {
			armError(w, http.StatusForbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.")
			return
		}
		if r.URL.Query().Get("$skiptoken") == "" {
			writeJSON(w, obj{"value": []obj{
				{"userPrincipalName": "alice@acme.example"},
				{"userPrincipalName": "bob@acme.example", "preferredDataLocation": "NAM"},
			}, "@odata.nextLink": s.URL + "/v1.0/users?$select=userPrincipalName,preferredDataLocation&$top=999&$skiptoken=X2"})
			return
		}
		if s.throttleOnce(w, "users-page2") {
			return
		}
		writeJSON(w, obj{"value": []obj{
			{"userPrincipalName": "carol@acme.example", "preferredDataLocation": "FRA"},
			{"userPrincipalName": "dave@acme.example", "preferredDataLocation": "CHE"},
		}})
	default:
		armError(w, http.StatusNotFound, "Request_ResourceNotFound", "Resource not found.")
	}
}
