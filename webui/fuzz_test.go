package webui

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzCheck sends any body to the check endpoint, which reads a request
// as Start does: the answer is 200, 400 or 413 with a JSON error, never a
// panic or a hang, and a 400 names at least one problem or a JSON error.
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		`{"scenario":"baseline"}`,
		`{"scenario":"baseline","set":["pension.access=open"],"reps":3,"scale":"small","years":5}`,
		`{"file":{"name":"x.yaml","text":"name: x\nextends: baseline\npension:\n  access: open\n"}}`,
		`{"file":{"name":"x.toml","text":"name = \"x\"\n[pension]\naccess = 1\n"}}`,
		`{"file":{"name":"x.json","text":"{\"extends\": \"../secret.yaml\"}"}}`,
		`{"scenario":"nope","seed":-1}`,
		`{"set":["=","a.b=c","procurement.contract_years=1e400"]}`,
		`[]`, `null`, ``, `{"reps":1000000000}`,
	} {
		f.Add([]byte(seed))
	}
	s, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, body []byte) {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest("POST", "/api/check", bytes.NewReader(body)))
		var out errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("%d: the answer is not JSON: %q", w.Code, w.Body.String())
		}
		switch w.Code {
		case http.StatusOK:
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge:
			if out.Error == "" {
				t.Fatalf("%d without a message for %q", w.Code, body)
			}
		default:
			t.Fatalf("status %d (%q) for %q", w.Code, out.Error, body)
		}
	})
}
