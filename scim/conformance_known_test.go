package scim

// msKnownFailures are the Microsoft assertions docs/conformance.md accepts
// as failing, "request: assertion" -> how many times. All come from one
// cause: the collection posts several users with the same externalId
// ("${__UUID}" unexpanded, and 22fbc523-... for five users), and
// provisiond keeps externalId unique per integration (issue 3, acceptance
// 8), so the later users are refused with 409 and every request that
// reads them back fails too.
var msKnownFailures = map[string]int{
	"Post EnterpriseUser: Status code is 201":           1,
	"Get user2: Status code is 200":                     1,
	"Get user2: Id is requsted":                         1,
	"User 2 replace test: Status code is 200":           1,
	"Get user2 Check replace: Status code is 200":       1,
	"Get user2 Check replace: Name is updated":          1,
	"Delete user2: Status code is 204":                  1,
	"Create user 4 for group 2: Status code is 201":     1,
	"Get group by id: Body contians user":               1,
	"Delete user id4: Status code is 204":               1,
	"create user2: Status code is 201":                  1,
	"Delete User2: Status code is 204":                  1,
	`Post emp1 with string "True": Status code is 201`:  1,
	`Post emp1 with string "True": Active properly set`: 1,
	"Get all users: Results have 2 users":               1,
	"Post emp2: Status code is 201":                     1,
	"Post emp3: Status code is 201":                     1,
	"Post enterprise user: Status code is 201":          1,
	"Paginate: Total results":                           1,
	"Paginate: JSON Assertion items per page":           1,
	"get user attributes: Total results":                1,
	"filter eq and (val or val): Total results":         1,
	"filter greater than: Total results":                1,
	"Delete user 2: Status code is 204":                 1,
	"Delete user3 emp2: Status code is 204":             1,
	"Delete user4 emp3: Status code is 204":             1,
	"Delete enterprise user: Status code is 204":        1,
}
