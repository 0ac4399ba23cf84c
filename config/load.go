package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// EnvPrefix prefixes every environment variable.
const EnvPrefix = "PROVISIOND_"

// Problems is every problem found in a configuration, reported at once.
type Problems []string

func (p Problems) Error() string {
	if len(p) == 1 {
		return "config: " + p[0]
	}
	return "config: " + strconv.Itoa(len(p)) + " problems:\n  - " + strings.Join(p, "\n  - ")
}

// Setting describes one configuration key, for errors and documentation.
type Setting struct {
	YAML, Env, Help, Default string
	Secret                   bool
	field                    int
}

// Settings lists every setting in declaration order.
func Settings() []Setting {
	t := reflect.TypeOf(Config{})
	def := reflect.ValueOf(Default())
	var out []Setting
	for i := range t.NumField() {
		f := t.Field(i)
		y := f.Tag.Get("yaml")
		if y == "" {
			continue
		}
		d := fmt.Sprint(def.Field(i).Interface())
		if d == "0" || d == "" {
			d = ""
		}
		out = append(out, Setting{YAML: y, Env: EnvPrefix + f.Tag.Get("env"), Help: f.Tag.Get("help"),
			Default: d, Secret: f.Tag.Get("secret") == "file", field: i})
	}
	return out
}

// name formats a setting for error messages: the YAML key and the env var.
func (s Setting) name() string { return fmt.Sprintf("%s (%s)", s.YAML, s.Env) }

// Load reads defaults, then the YAML file at path (if not empty), then the
// environment through getenv (os.LookupEnv when nil), and validates.
func Load(path string, getenv func(string) (string, bool)) (Config, error) {
	if getenv == nil {
		getenv = os.LookupEnv
	}
	c := Default()
	var probs Problems
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return c, Problems{fmt.Sprintf("config file: %v", err)}
		}
		probs = append(probs, c.applyYAML(path, b)...)
	}
	probs = append(probs, c.applyEnv(getenv)...)
	c.finish()
	if err := c.Validate(); err != nil {
		var p Problems
		errors.As(err, &p)
		probs = append(probs, p...)
	}
	if len(probs) > 0 {
		return c, probs
	}
	return c, nil
}

func (c *Config) applyYAML(path string, b []byte) Problems {
	var doc map[string]yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&doc); err != nil && err.Error() != "EOF" {
		return Problems{fmt.Sprintf("config file %s is not valid YAML: %v", path, err)}
	}
	known := map[string]Setting{}
	for _, s := range Settings() {
		known[s.YAML] = s
		if s.Secret {
			known[s.YAML+"File"] = s
		}
	}
	var probs Problems
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		node := doc[k]
		s, ok := known[k]
		if !ok {
			probs = append(probs, fmt.Sprintf("config file %s line %d: unknown key %q", path, node.Line, k))
			continue
		}
		val := node.Value
		if node.Kind != yaml.ScalarNode {
			probs = append(probs, fmt.Sprintf("%s: line %d: expected a single value", s.name(), node.Line))
			continue
		}
		if strings.HasSuffix(k, "File") && s.Secret {
			v, err := readSecretFile(val)
			if err != nil {
				probs = append(probs, fmt.Sprintf("%sFile (%s_FILE): %v", s.YAML, s.Env, err))
				continue
			}
			val = v
		}
		if err := c.set(s, val); err != nil {
			probs = append(probs, fmt.Sprintf("%s: %v", s.name(), err))
		}
	}
	return probs
}

func (c *Config) applyEnv(getenv func(string) (string, bool)) Problems {
	var probs Problems
	for _, s := range Settings() {
		val, ok := getenv(s.Env)
		if s.Secret {
			if path, fok := getenv(s.Env + "_FILE"); fok && path != "" {
				v, err := readSecretFile(path)
				if err != nil {
					probs = append(probs, fmt.Sprintf("%sFile (%s_FILE): %v", s.YAML, s.Env, err))
					continue
				}
				val, ok = v, true
			}
		}
		if !ok {
			continue
		}
		if err := c.set(s, val); err != nil {
			probs = append(probs, fmt.Sprintf("%s: %v", s.name(), err))
		}
	}
	return probs
}

// readSecretFile reads a secret, trimming one trailing newline.
func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	s := strings.TrimSuffix(string(b), "\n")
	return strings.TrimSuffix(s, "\r"), nil
}

func (c *Config) set(s Setting, val string) error {
	f := reflect.ValueOf(c).Elem().Field(s.field)
	switch p := f.Addr().Interface().(type) {
	case *string:
		*p = val
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", val)
		}
		*p = n
	case *int64:
		n, err := strconv.ParseInt(strings.TrimSpace(val), 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", val)
		}
		*p = n
	case *float64:
		n, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", val)
		}
		*p = n
	case *bool:
		b, err := strconv.ParseBool(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%q is not true or false", val)
		}
		*p = b
	case *Duration:
		return p.UnmarshalText([]byte(val))
	default:
		return fmt.Errorf("unsupported setting type %T", p)
	}
	return nil
}
