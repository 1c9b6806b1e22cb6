package webui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"reflect"
	"strconv"

	"mutualsim/manual"
	"mutualsim/outputs"
)

// errorBody is the answer to a request refused: a one-line summary and,
// for bad input, each problem with the control it belongs to.
type errorBody struct {
	Error    string    `json:"error"`
	Problems []Problem `json:"problems,omitempty"`
}

// decode reads a JSON request body of at most maxBody bytes into v,
// refusing unknown fields; on failure it answers and returns false.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var tooLarge *http.MaxBytesError
	var badType *json.UnmarshalTypeError
	switch {
	case err == nil:
		return true
	case errors.As(err, &badType) && badType.Field != "":
		// A value of the wrong kind belongs beside its control.
		msg := fmt.Sprintf("%s: got %s, expected %s", badType.Field, badType.Value, kindOf(badType.Type.Kind()))
		writeJSON(w, http.StatusBadRequest, errorBody{Error: msg, Problems: []Problem{{Field: badType.Field, Message: msg}}})
	case errors.As(err, &tooLarge):
		writeJSON(w, http.StatusRequestEntityTooLarge, errorBody{Error: fmt.Sprintf(
			"the request is larger than %d MiB: a scenario file is at most %d MiB", maxBody>>20, 4)})
	case errors.Is(err, io.EOF):
		// An empty body is an empty request.
		return true
	default:
		writeJSON(w, http.StatusBadRequest, errorBody{Error: "the request is not valid JSON: " + err.Error()})
	}
	return false
}

// kindOf names what a JSON field of the kind expects.
func kindOf(k reflect.Kind) string {
	switch k {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number, 0 or more"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	}
	return "another kind of value"
}

// writeError answers an error: a request the server refuses (400, each
// problem beside its control), a simulation that cannot go on (409), or a
// failure of the server (500).
func writeError(w http.ResponseWriter, err error) {
	var re *RequestError
	switch {
	case errors.As(err, &re):
		writeJSON(w, http.StatusBadRequest, errorBody{Error: re.Error(), Problems: re.Problems})
	case errors.Is(err, errClosed):
		writeJSON(w, http.StatusNotFound, errorBody{Error: err.Error()})
	case errors.Is(err, errDone), errors.Is(err, errPlaying):
		writeJSON(w, http.StatusConflict, errorBody{Error: err.Error()})
	case errors.Is(err, errBusy):
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: err.Error()})
	default:
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: err.Error()})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"the answer could not be written as JSON"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// appendNumber writes x as JSON: the shortest decimal that reads back as
// x, null for NaN or an infinity.
func appendNumber(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// thousands writes a count with thousands separators.
func thousands(x float64) string { return outputs.Thousands(math.Round(x)) }

// handleManual serves the command manual's pages.
func handleManual(w http.ResponseWriter, _ *http.Request) {
	type page struct {
		Path     string `json:"path"`
		Short    string `json:"short"`
		Long     string `json:"long"`
		Examples string `json:"examples"`
	}
	var pages []page
	for _, f := range manual.Files() {
		p, err := manual.LookupFile(f)
		if err != nil {
			writeError(w, err)
			return
		}
		pages = append(pages, page{p.Path, p.Short, p.Long, p.Examples})
	}
	writeJSON(w, http.StatusOK, struct {
		Pages []page `json:"pages"`
	}{pages})
}
