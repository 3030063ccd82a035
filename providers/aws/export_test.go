package aws

import "testing"

// motoEstate starts moto (if it is not running) with seedMoto's estate and
// its WorkMail behind a front, and writes shared files with one profile,
// "acme", homed in eu-west-3 and pointing at the front.
func motoEstate(t *testing.T) (*front, *sharedFiles) {
	t.Helper()
	endpoint := freshMoto(t)
	seedMoto(t, endpoint)
	f := newFront(t, endpoint)
	f.workMail = newWorkMail(motoAccess, estateMail)
	return f, writeFiles(t, testProfile{name: "acme", region: "eu-west-3", endpoint: f.URL(), access: motoAccess, secret: motoSecret})
}

// MotoEstate is motoEstate for the tests outside the package, which scan
// the way a user does (the command line): it returns the shared config and
// credentials files' paths, for AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE.
func MotoEstate(t *testing.T) (config, credentials string) {
	t.Helper()
	_, files := motoEstate(t)
	return files.config[0], files.credentials[0]
}

// VersityEndpoint gives versitygw n buckets and returns its URL, keys and
// region, for tests outside the package that list it as an S3-compatible
// endpoint.
func VersityEndpoint(t *testing.T, n int) (url, access, secret, region string) {
	t.Helper()
	s, _ := versityBuckets(t, n)
	return s.url, versityAccess, versitySecret, versityRegion
}

// OrgEstate is an organization in moto behind a front, for the tests
// outside the package (the real binary): the management account's
// profile "mgmt" in shared files, members alpha (bucket alpha-records in
// Frankfurt, tagged data=health, replicated to beta's beta-dr in
// Virginia), beta, and refuser, whose role R the front refuses. It
// returns the files' paths and the members' account ids.
func OrgEstate(t *testing.T) (config, credentials string, ids map[string]string) {
	t.Helper()
	e := newOrgEstate(t, "alpha", "beta", "refuser")
	seedOrg(t, e)
	return e.files.config[0], e.files.credentials[0], e.ids
}
