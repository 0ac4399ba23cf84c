package scim

import (
	"strings"

	"github.com/provisiond/provisiond/store"
)

// patchPath is a parsed PATCH path: attr[filter].sub, within the core
// schema or the enterprise extension.
type patchPath struct {
	container string // "" or EnterpriseURN
	def       attr
	filter    store.Filter
	sub       *attr
}

var readOnlyPaths = map[string]bool{"id": true, "meta": true, "groups": true, "schemas": true}

func parsePatchPath(path string) (patchPath, error) {
	container, defs, rest := splitURN(path)
	var pp patchPath
	pp.container = container
	name, tail := rest, ""
	if i := strings.IndexAny(rest, "[."); i >= 0 {
		name, tail = rest[:i], rest[i:]
	}
	if readOnlyPaths[strings.ToLower(name)] && container == "" {
		return pp, badRequest(typeMutability, name+" is read-only")
	}
	def, ok := lookupAttr(defs, name)
	if !ok || def.Mutability == "writeOnly" {
		return pp, badRequest(typeInvalidPath, "unknown attribute in path: "+name)
	}
	pp.def = def
	if strings.HasPrefix(tail, "[") {
		end := closingBracket(tail)
		if end < 0 || !def.Multi {
			return pp, badRequest(typeInvalidPath, "malformed value filter in path")
		}
		f, err := parseFilter(tail[1:end])
		if err != nil {
			return pp, badRequest(typeInvalidPath, "malformed value filter in path")
		}
		pp.filter = f
		tail = tail[end+1:]
	}
	if tail != "" {
		subName, ok := strings.CutPrefix(tail, ".")
		sub, found := lookupAttr(def.Sub, subName)
		if !ok || !found {
			return pp, badRequest(typeInvalidPath, "unknown sub-attribute in path: "+tail)
		}
		pp.sub = &sub
	}
	return pp, nil
}

// closingBracket finds the ] that closes s[0] == '[', skipping quoted text.
func closingBracket(s string) int {
	inStr := false
	for i := 1; i < len(s); i++ {
		switch {
		case inStr && s[i] == '\\':
			i++
		case s[i] == '"':
			inStr = !inStr
		case !inStr && s[i] == ']':
			return i
		}
	}
	return -1
}

// applyPath applies an operation with a path to doc.
func applyPath(doc map[string]any, op patchOp) error {
	if c, _, rest := splitURN(op.path); c != "" && rest == "" {
		// The extension itself as the path: its value is the extension object.
		return applyNoPath(doc, patchOp{op: op.op, value: map[string]any{c: op.value}, hasValue: true})
	}
	pp, err := parsePatchPath(op.path)
	if err != nil {
		return err
	}
	target := doc
	if pp.container != "" {
		target = subMap(doc, pp.container)
	}
	if pp.filter != nil {
		return applyFiltered(target, pp, op)
	}
	name := pp.def.Name
	if op.op == "remove" {
		switch {
		case pp.sub != nil && pp.def.Multi:
			for _, el := range elements(target, name) {
				delete(el, pp.sub.Name)
			}
		case pp.sub != nil:
			if cur, ok := target[name].(map[string]any); ok {
				delete(cur, pp.sub.Name)
			}
		case pp.def.Multi && op.value != nil:
			removeByValue(target, name, op.value)
		default:
			delete(target, name)
		}
		return nil
	}
	if pp.sub != nil {
		v, err := coerce(*pp.sub, op.value)
		if err != nil {
			return err
		}
		if pp.def.Multi {
			els := elements(target, name)
			if len(els) == 0 {
				target[name] = []any{map[string]any{}}
				els = elements(target, name)
			}
			for _, el := range els {
				setOrDelete(el, pp.sub.Name, v)
			}
			return nil
		}
		setOrDelete(subMap(target, name), pp.sub.Name, v)
		return nil
	}
	v, err := coerce(pp.def, op.value)
	if err != nil {
		return err
	}
	if v == nil {
		delete(target, name)
		return nil
	}
	mergeAttr(target, pp.def, v, op.op)
	return nil
}
