// probe lists the cluster's namespaces through the apiserver the way an in-cluster client does:
// KUBERNETES_SERVICE_HOST/PORT (or KUBE_API for a given address) and the pod's service account
// token and CA. It exits non-zero when the request fails, so a Job running it succeeds only when
// the pod really reached the apiserver.
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

const sa = "/var/run/secrets/kubernetes.io/serviceaccount"

func main() {
	url := os.Getenv("KUBE_API")
	if url == "" {
		url = "https://" + net.JoinHostPort(os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT"))
	}
	token, err := os.ReadFile(sa + "/token")
	fail(err, "read service account token")
	ca, err := os.ReadFile(sa + "/ca.crt")
	fail(err, "read service account CA")
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca) {
		fail(fmt.Errorf("no certificate in ca.crt"), "load CA")
	}
	tlsConf := &tls.Config{RootCAs: pool}
	if name := os.Getenv("KUBE_API_SERVER_NAME"); name != "" {
		tlsConf.ServerName = name
	}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsConf}}
	req, _ := http.NewRequest("GET", url+"/api/v1/namespaces", nil)
	req.Header.Set("Authorization", "Bearer "+string(token))
	resp, err := client.Do(req)
	fail(err, "GET "+url+"/api/v1/namespaces")
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		fail(fmt.Errorf("%s: %s", resp.Status, body), "GET namespaces")
	}
	var list struct {
		Items []struct {
			Metadata struct{ Name string } `json:"metadata"`
		} `json:"items"`
	}
	fail(json.Unmarshal(body, &list), "decode namespace list")
	fmt.Printf("reached %s as the pod's service account; namespaces:", url)
	for _, n := range list.Items {
		fmt.Printf(" %s", n.Metadata.Name)
	}
	fmt.Println()
}

func fail(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "probe: %s: %v\n", what, err)
		os.Exit(1)
	}
}
