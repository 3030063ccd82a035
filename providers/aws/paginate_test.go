package aws

import (
	"errors"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
)

func TestPaginate(t *testing.T) {
	pages := map[string]string{"": "b", "b": "c", "c": ""}
	var seen []string
	err := paginate(func(token *string) (*string, error) {
		seen = append(seen, sdkaws.ToString(token))
		return sdkaws.String(pages[sdkaws.ToString(token)]), nil
	})
	if err != nil || len(seen) != 3 || seen[1] != "b" || seen[2] != "c" {
		t.Errorf("pages %q, err %v", seen, err)
	}

	calls := 0
	_ = paginate(func(*string) (*string, error) { calls++; return sdkaws.String("same"), nil })
	if calls != 2 {
		t.Errorf("a repeated token must stop the loop, got %d calls", calls)
	}

	boom := errors.New("boom")
	if err := paginate(func(*string) (*string, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
}
